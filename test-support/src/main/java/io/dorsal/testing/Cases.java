package io.dorsal.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A property checked over a stream of cases drawn from a fixed seed, as the dynamic tests of a JUnit 5
 * {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> readsBackWhatItWrites() {
 *     return Cases.of(GeneratedTherapies::therapy).count(1000).check(therapy -> ...);
 * }
 * }</pre>
 *
 * <p>Each case has its own seed, drawn from the property's master seed; the generator gets a fresh
 * {@link SplittableRandom} of that seed, so a case is reproduced from its seed alone. The master seed is fixed
 * (derived from the test's class and method name), so every run checks the same cases; a failure names the case,
 * its seed, the master seed, and the command that replays only that case. Two system properties steer a run:
 * <ul>
 *   <li>{@value #CASE_PROPERTY}{@code =0x...}: replay the single case of that seed (the failure message gives it);</li>
 *   <li>{@value #SEED_PROPERTY}{@code =N} (decimal or 0x hex) or {@code =random}: draw the cases from another master
 *       seed, to explore beyond the fixed cases; the seed is printed.</li>
 * </ul>
 *
 * <p>A precondition ({@link #where}) discards cases before they count: the property runs on {@code count} cases that
 * meet it, and fails if more than {@code maxDiscardRatio} cases per counted case are discarded. Labels
 * ({@link #classify}) are counted over the cases and printed at the end; {@link #requireAtLeast} turns a label's
 * share into a check, run as a last dynamic test named "coverage", so a generator that drifts away from what it
 * is meant to exercise fails rather than passing on easy cases. Not thread safe; one instance per property.
 *
 * @param <T> the type of a case
 */
public final class Cases<T> {

    /** System property: the seed of a single case to replay. */
    public static final String CASE_PROPERTY = "dorsal.case";
    /** System property: the master seed to draw the cases from, or {@code random}. */
    public static final String SEED_PROPERTY = "dorsal.seed";

    private static final int DEFAULT_COUNT = 1000;
    private static final int DEFAULT_MAX_DISCARD_RATIO = 5;

    private final Function<? super RandomGenerator, ? extends T> generator;
    private int count = DEFAULT_COUNT;
    private int maxDiscardRatio = DEFAULT_MAX_DISCARD_RATIO;
    private Predicate<? super T> precondition = t -> true;
    private Function<? super T, ?> classifier;
    private final Map<Object, Double> requiredPercent = new LinkedHashMap<>();

    private Cases(Function<? super RandomGenerator, ? extends T> generator) {
        this.generator = Objects.requireNonNull(generator);
    }

    /** Cases made by {@code generator} from a random generator seeded per case. */
    public static <T> Cases<T> of(Function<? super RandomGenerator, ? extends T> generator) {
        return new Cases<>(generator);
    }

    /** How many cases the property runs on (that meet the precondition); 1000 unless set. */
    public Cases<T> count(int cases) {
        if (cases < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + cases);
        }
        this.count = cases;
        return this;
    }

    /** Cases that do not meet {@code condition} are discarded before they count. */
    public Cases<T> where(Predicate<? super T> condition) {
        this.precondition = Objects.requireNonNull(condition);
        return this;
    }

    /** At most this many discarded cases per counted case (5 unless set); more fails the property. */
    public Cases<T> maxDiscardRatio(int ratio) {
        this.maxDiscardRatio = ratio;
        return this;
    }

    /** A label per case (or a collection of labels), counted and printed at the end. */
    public Cases<T> classify(Function<? super T, ?> label) {
        this.classifier = Objects.requireNonNull(label);
        return this;
    }

    /** The property fails unless at least {@code percent} % of the cases carry {@code label}. */
    public Cases<T> requireAtLeast(Object label, double percent) {
        requiredPercent.put(label, percent);
        return this;
    }

    /**
     * The dynamic tests: one per case, named by its number and seed, checking {@code property}; then "coverage"
     * when labels are classified. A failing case throws an {@link AssertionError} naming the case and its seeds.
     */
    public Stream<DynamicTest> check(ThrowingConsumer<? super T> property) {
        String test = callingTest();
        String replay = System.getProperty(CASE_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            long caseSeed = parseSeed(replay);
            return Stream.of(DynamicTest.dynamicTest("replay of case seed " + hex(caseSeed),
                    () -> run(property, caseSeed, generate(caseSeed), "replayed case", Long.MIN_VALUE, test)));
        }
        long masterSeed = masterSeed(test);
        SplittableRandom seeds = new SplittableRandom(masterSeed);
        Map<Object, Integer> tally = new LinkedHashMap<>();
        int[] discarded = {0};
        Stream<DynamicTest> cases = Stream.iterate(1, i -> i + 1).limit(count).map(i -> {
            long caseSeed = seeds.nextLong();
            T value = generate(caseSeed);
            while (!precondition.test(value)) {
                discarded[0]++;
                if (discarded[0] > (long) maxDiscardRatio * count) {
                    throw new AssertionError(String.format(Locale.ROOT,
                            "%s: %d cases discarded by the precondition before %d of %d were found (master seed %s):"
                                    + " the generator rarely makes what the property is about; aim it better",
                            test, discarded[0], i - 1, count, hex(masterSeed)));
                }
                caseSeed = seeds.nextLong();
                value = generate(caseSeed);
            }
            long seed = caseSeed;
            T generated = value;
            return DynamicTest.dynamicTest("case " + i + " seed " + hex(seed), () -> {
                if (classifier != null) {
                    for (Object label : labels(classifier.apply(generated))) {
                        tally.merge(label, 1, Integer::sum);
                    }
                }
                run(property, seed, generated, "case " + i + " of " + count, masterSeed, test);
            });
        });
        if (classifier == null) {
            return cases;
        }
        return Stream.concat(cases, Stream.of(DynamicTest.dynamicTest("coverage",
                () -> coverage(tally, test, masterSeed))));
    }

    private T generate(long caseSeed) {
        return generator.apply(new SplittableRandom(caseSeed));
    }

    private void run(ThrowingConsumer<? super T> property, long caseSeed, T value, String which, long masterSeed,
                     String test) {
        try {
            property.accept(value);
        } catch (Throwable failure) {
            throw new AssertionError(failureMessage(failure, caseSeed, value, which, masterSeed, test), failure);
        }
    }

    private static String failureMessage(Throwable failure, long caseSeed, Object value, String which,
                                         long masterSeed, String test) {
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        String master = masterSeed == Long.MIN_VALUE ? "" : ", master seed " + hex(masterSeed);
        return String.format(Locale.ROOT, """
                %s failed on %s (case seed %s%s): %s
                  case: %s
                  replay just this case: mvn -B test -pl %s -am -Dtest='%s' -D%s=%s
                  shrink by hand: replay it, then make the case smaller one part at a time (fewer programs, contacts, \
                leads or bytes; smaller and rounder numbers; the plainest pattern and recharge) while it still fails, \
                and keep the smallest as a plain @Test named for the rule it breaks""",
                test, which, hex(caseSeed), master, failure, value, module, test, CASE_PROPERTY, hex(caseSeed));
    }

    private void coverage(Map<Object, Integer> tally, String test, long masterSeed) {
        int total = count;
        StringBuilder report = new StringBuilder(test).append(": ").append(total).append(" cases, master seed ")
                .append(hex(masterSeed));
        tally.forEach((label, n) -> report.append(String.format(Locale.ROOT, "%n  %6.2f %%  %s", 100.0 * n / total,
                label)));
        System.out.println(report);
        List<String> missed = new ArrayList<>();
        requiredPercent.forEach((label, min) -> {
            double percent = 100.0 * tally.getOrDefault(label, 0) / total;
            if (percent < min) {
                missed.add(String.format(Locale.ROOT, "%s in %.2f %% of the cases, below the %.2f %% required",
                        label, percent, min));
            }
        });
        if (!missed.isEmpty()) {
            throw new AssertionError("the generator no longer covers what the property is about: "
                    + String.join("; ", missed) + "\n" + report);
        }
    }

    private static Collection<?> labels(Object label) {
        return label instanceof Collection<?> many ? many : List.of(String.valueOf(label));
    }

    /** {@code Class#method} of the test method that called {@link #check}. */
    private static String callingTest() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != Cases.class)
                .findFirst()
                .map(f -> f.getDeclaringClass().getSimpleName() + "#" + f.getMethodName())
                .orElse("property"));
    }

    private static long masterSeed(String test) {
        String override = System.getProperty(SEED_PROPERTY);
        if (override == null || override.isBlank()) {
            // fixed per property, stable across JVMs: String.hashCode is specified
            return new SplittableRandom(test.hashCode()).nextLong();
        }
        if (override.equals("random")) {
            long seed = System.nanoTime() ^ Double.doubleToLongBits(Math.random());
            System.out.println(test + ": master seed " + hex(seed));
            return seed;
        }
        return parseSeed(override);
    }

    static long parseSeed(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }
}
