package io.dorsal.bench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dorsal.bench.EcapLoopBenchmark;
import io.dorsal.bench.HotPath;
import io.dorsal.bench.RigOutputBenchmark;
import io.dorsal.bench.SchedulerStepBenchmark;
import io.dorsal.bench.TherapyPipelineBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Param;

/**
 * The performance gate's judge: reads the JSON result of a JMH run ({@code -rf json -prof gc}) and fails, with
 * one line per problem naming the benchmark and by how much, when a {@link HotPath} benchmark allocates (its
 * {@code gc.alloc.rate.norm} is above {@link #MAX_ALLOC_BYTES_PER_OP}), costs more than its bound in multiples
 * of its floor, or is missing from the run. Absolute times are never judged: the machines are shared.
 *
 * <p>The ratio compares the best (lowest) measurement iteration of the benchmark with the best of its floor:
 * on a shared machine, interference only ever adds time, so the best iteration is the least disturbed
 * estimate of each, and their ratio the steadiest.
 *
 * <pre>java -cp benchmarks.jar io.dorsal.bench.gate.GateCheck RESULT.json</pre>
 * Exit status: 0 every hot path within bounds; 1 at least one problem; 2 unreadable input.
 */
public final class GateCheck {

    /** A hot path may allocate at most this much per operation (JMH reports about 1e-4 when nothing allocates). */
    public static final double MAX_ALLOC_BYTES_PER_OP = 0.1;

    /** The classes whose hot-path benchmarks must all be in the result. */
    static final List<Class<?>> GATED_CLASSES = List.of(SchedulerStepBenchmark.class, RigOutputBenchmark.class,
            TherapyPipelineBenchmark.class, EcapLoopBenchmark.class);

    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private GateCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar io.dorsal.bench.gate.GateCheck RESULT.json");
            System.exit(2);
        }
        JsonNode results;
        try {
            results = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
        } catch (IOException e) {
            System.err.println("gate: cannot read the JMH result " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(check(results, System.out, System.err).isEmpty() ? 0 : 1);
    }

    /** One benchmark run: the method, its parameters and its figures. */
    record Result(String className, String method, Map<String, String> params, double score, String unit,
                  double best, Optional<Double> allocBytesPerOp) {

        String label() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple + "." + method + (params.isEmpty() ? "" : " " + params.toString().replace('{', '[')
                    .replace('}', ']'));
        }
    }

    /**
     * Judges a JMH JSON result; prints one line per hot-path benchmark to {@code out} and one line per problem
     * to {@code err}.
     *
     * @return the problems, empty when the gate passes
     */
    public static List<String> check(JsonNode results, PrintStream out, PrintStream err) {
        List<String> problems = new ArrayList<>();
        if (!results.isArray() || results.isEmpty()) {
            problems.add("gate: FAIL the JMH result holds no benchmark (did the run fail?)");
            problems.forEach(err::println);
            out.println("gate: 0 passed, 1 failed");
            return problems;
        }
        List<Result> all = new ArrayList<>();
        for (JsonNode node : results) {
            all.add(parse(node));
        }
        int passed = 0;
        int failed = 0;
        for (Result r : all) {
            Optional<HotPath> hot = hotPath(r.className(), r.method());
            if (hot.isEmpty()) {
                continue;
            }
            int before = problems.size();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-56s %9.3f %-5s", r.label(),
                    r.score(), r.unit()));
            if (r.allocBytesPerOp().isEmpty()) {
                problems.add("gate: FAIL " + r.label() + ": no " + ALLOC_NORM
                        + " in the result (run JMH with -prof gc)");
            } else {
                double alloc = r.allocBytesPerOp().get();
                line.append(String.format(Locale.ROOT, " %8.3f B/op", alloc));
                double budget = hot.get().maxBytesPerOp();
                if (alloc > budget) {
                    problems.add(String.format(Locale.ROOT, "gate: FAIL %s: allocates %.2f B/op, %.2f B/op over the"
                            + " %.1f B/op it may allocate", r.label(), alloc, alloc - budget, budget));
                }
            }
            if (!hot.get().floor().isEmpty()) {
                Optional<Result> floor = all.stream().filter(f -> f.className().equals(r.className())
                        && f.method().equals(hot.get().floor()) && f.params().equals(r.params())).findFirst();
                if (floor.isEmpty()) {
                    problems.add("gate: FAIL " + r.label() + ": its floor '" + hot.get().floor()
                            + "' with the same parameters is not in the result");
                } else {
                    double ratio = r.best() / floor.get().best();
                    double bound = hot.get().maxRatioToFloor();
                    line.append(String.format(Locale.ROOT, "  %5.2fx floor (bound %.1fx)", ratio, bound));
                    if (ratio > bound) {
                        problems.add(String.format(Locale.ROOT, "gate: FAIL %s: %.2fx its floor (best iterations"
                                + " %.3f vs %.3f %s), %.2fx over the bound of %.1fx (docs/performance.md)",
                                r.label(), ratio, r.best(), floor.get().best(), r.unit(), ratio / bound, bound));
                    }
                }
            }
            out.println((problems.size() == before ? "ok    " : "FAIL  ") + line);
            if (problems.size() == before) {
                passed++;
            } else {
                failed++;
            }
        }
        for (String missing : missing(all)) {
            problems.add("gate: FAIL " + missing + ": not in the result (did the benchmark fail or was it left out?)");
            failed++;
        }
        out.flush();
        problems.forEach(err::println);
        err.flush();
        out.println("gate: " + passed + " passed, " + failed + " failed");
        out.flush();
        return problems;
    }

    private static Result parse(JsonNode node) {
        String benchmark = node.path("benchmark").asText();
        int dot = benchmark.lastIndexOf('.');
        Map<String, String> params = new TreeMap<>();
        node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        JsonNode primary = node.path("primaryMetric");
        double best = Double.POSITIVE_INFINITY;
        for (JsonNode fork : primary.path("rawData")) {
            for (JsonNode iteration : fork) {
                best = Math.min(best, iteration.asDouble());
            }
        }
        double score = primary.path("score").asDouble(Double.NaN);
        JsonNode alloc = node.path("secondaryMetrics").path(ALLOC_NORM).path("score");
        return new Result(benchmark.substring(0, Math.max(0, dot)), benchmark.substring(dot + 1), params, score,
                primary.path("scoreUnit").asText(), Double.isInfinite(best) ? score : best,
                alloc.isNumber() ? Optional.of(alloc.asDouble()) : Optional.empty());
    }

    private static Optional<HotPath> hotPath(String className, String method) {
        try {
            for (Method m : Class.forName(className).getMethods()) {
                if (m.getName().equals(method) && m.isAnnotationPresent(HotPath.class)) {
                    return Optional.of(m.getAnnotation(HotPath.class));
                }
            }
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Every hot-path benchmark of the gated classes, with every combination of its parameters, not in the result. */
    private static List<String> missing(List<Result> all) {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : GATED_CLASSES) {
            List<Map<String, String>> combinations = parameterCombinations(type);
            for (Method m : type.getMethods()) {
                if (!m.isAnnotationPresent(HotPath.class)) {
                    continue;
                }
                for (Map<String, String> params : combinations) {
                    boolean present = all.stream().anyMatch(r -> r.className().equals(type.getName())
                            && r.method().equals(m.getName()) && r.params().equals(params));
                    if (!present) {
                        missing.add(new Result(type.getName(), m.getName(), params, 0, "", 0, Optional.empty())
                                .label());
                    }
                }
            }
        }
        missing.sort(null);
        return missing;
    }

    private static List<Map<String, String>> parameterCombinations(Class<?> type) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new TreeMap<>());
        for (Field field : type.getFields()) {
            Param param = field.getAnnotation(Param.class);
            if (param == null) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : param.value()) {
                    Map<String, String> extended = new TreeMap<>(partial);
                    extended.put(field.getName(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
