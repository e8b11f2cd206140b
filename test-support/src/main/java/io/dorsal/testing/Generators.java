package io.dorsal.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The small vocabulary the seeded generators are written in, over a {@link RandomGenerator}. Bounds are inclusive.
 * Numbers hit their bounds more often than a uniform draw would (1 in 32 each), because limits live there.
 */
public final class Generators {

    private static final int EDGE_ODDS = 32;

    private Generators() {
    }

    /** A generator of one kind of value, and how often it is picked among others ({@link #weighted}). */
    public record Weighted<T>(int weight, Function<? super RandomGenerator, ? extends T> generator) {
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    public static <T> Weighted<T> weight(int weight, Function<? super RandomGenerator, ? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** A whole number in {@code [min, max]}, its bounds favoured. */
    public static int intBetween(RandomGenerator random, int min, int max) {
        return (int) longBetween(random, min, max);
    }

    /** A whole number in {@code [min, max]}, its bounds favoured. */
    public static long longBetween(RandomGenerator random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + " to " + max);
        }
        int edge = random.nextInt(EDGE_ODDS);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        return max == Long.MAX_VALUE && min == Long.MIN_VALUE ? random.nextLong() : min + uniform(random, max - min);
    }

    private static long uniform(RandomGenerator random, long span) {
        return span == Long.MAX_VALUE || span < 0 ? random.nextLong() & Long.MAX_VALUE : random.nextLong(span + 1);
    }

    /** A whole number in {@code [min, max]}, uniform (no favoured bounds). */
    public static int uniformBetween(RandomGenerator random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A decimal in {@code [min, max]} with at most {@code scale} places after the point, its bounds favoured. */
    public static double doubleBetween(RandomGenerator random, double min, double max, int scale) {
        int edge = random.nextInt(EDGE_ODDS);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        double value = min == max ? min : random.nextDouble(min, max);
        double rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
        return Math.min(max, Math.max(min, rounded));
    }

    /** True with the given probability. */
    public static boolean chance(RandomGenerator random, double probability) {
        return random.nextDouble() < probability;
    }

    /** One of the values, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(RandomGenerator random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One of the values, uniformly. */
    public static <T> T oneOf(RandomGenerator random, List<? extends T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A value of one of the generators, picked in proportion to their weights. */
    @SafeVarargs
    public static <T> T weighted(RandomGenerator random, Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> c : choices) {
            total += c.weight();
        }
        int pick = random.nextInt(total);
        for (Weighted<? extends T> c : choices) {
            pick -= c.weight();
            if (pick < 0) {
                return c.generator().apply(random);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A value half of the time, else empty. */
    public static <T> Optional<T> optional(RandomGenerator random, Function<? super RandomGenerator, ? extends T> g) {
        return random.nextBoolean() ? Optional.of(g.apply(random)) : Optional.empty();
    }

    /** A list of {@code min} to {@code max} values. */
    public static <T> List<T> listOf(RandomGenerator random, int min, int max,
                                     Function<? super RandomGenerator, ? extends T> element) {
        int size = intBetween(random, min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    /**
     * {@code size} distinct values, in the order drawn; the element generator must be able to make that many
     * (it is asked at most 100 times per value).
     */
    public static <T> List<T> distinct(RandomGenerator random, int size,
                                       Function<? super RandomGenerator, ? extends T> element) {
        Set<T> values = new LinkedHashSet<>();
        for (int tries = 0; values.size() < size; tries++) {
            if (tries > 100 * size) {
                throw new IllegalArgumentException("cannot draw " + size + " distinct values");
            }
            values.add(element.apply(random));
        }
        return List.copyOf(values);
    }

    /** The values in a random order. */
    public static <T> List<T> shuffled(RandomGenerator random, List<? extends T> values) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    /** {@code min} to {@code max} random bytes. */
    public static byte[] bytes(RandomGenerator random, int min, int max) {
        byte[] bytes = new byte[intBetween(random, min, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A string of {@code min} to {@code max} characters taken from {@code alphabet}. */
    public static String string(RandomGenerator random, String alphabet, int min, int max) {
        int length = intBetween(random, min, max);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
