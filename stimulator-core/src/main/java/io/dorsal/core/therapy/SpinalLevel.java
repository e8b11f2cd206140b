package io.dorsal.core.therapy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vertebra, by its name: {@code C1} to {@code C7}, {@code T1} to {@code T12}, {@code L1} to {@code L5}, {@code S1}.
 * Where a lead's tip lies at implant (for example {@code T8}); ordered from the head down ({@link #index()}).
 *
 * @param name the vertebra's name, upper case
 */
public record SpinalLevel(String name) implements Comparable<SpinalLevel> {

    private static final Pattern NAME = Pattern.compile("([CTLS])(\\d{1,2})");
    private static final int CERVICAL = 7;
    private static final int THORACIC = 12;
    private static final int LUMBAR = 5;

    public SpinalLevel {
        if (indexOf(name) < 0) {
            throw new IllegalArgumentException("a vertebra is C1 to C7, T1 to T12, L1 to L5 or S1: " + name);
        }
    }

    /** The level named {@code text} (any case), or empty when it names none. */
    public static Optional<SpinalLevel> parse(String text) {
        String upper = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return indexOf(upper) < 0 ? Optional.empty() : Optional.of(new SpinalLevel(upper));
    }

    /** The level at {@code index} from C1 (0) down to S1. */
    public static SpinalLevel at(int index) {
        if (index < 0 || index > CERVICAL + THORACIC + LUMBAR) {
            throw new IllegalArgumentException("no vertebra at index " + index);
        }
        String name = index < CERVICAL ? "C" + (index + 1)
                : index < CERVICAL + THORACIC ? "T" + (index - CERVICAL + 1)
                : index < CERVICAL + THORACIC + LUMBAR ? "L" + (index - CERVICAL - THORACIC + 1) : "S1";
        return new SpinalLevel(name);
    }

    /** Position from the head: C1 is 0, T1 is 7, L1 is 19, S1 is 24. */
    public int index() {
        return indexOf(name);
    }

    /** The next vertebra down, or this one at S1. */
    public SpinalLevel below() {
        return index() >= CERVICAL + THORACIC + LUMBAR ? this : at(index() + 1);
    }

    @Override
    public int compareTo(SpinalLevel other) {
        return Integer.compare(index(), other.index());
    }

    @Override
    public String toString() {
        return name;
    }

    private static int indexOf(String name) {
        if (name == null) {
            return -1;
        }
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return -1;
        }
        int n = Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "C" -> n >= 1 && n <= CERVICAL ? n - 1 : -1;
            case "T" -> n >= 1 && n <= THORACIC ? CERVICAL + n - 1 : -1;
            case "L" -> n >= 1 && n <= LUMBAR ? CERVICAL + THORACIC + n - 1 : -1;
            default -> n == 1 ? CERVICAL + THORACIC + LUMBAR : -1;
        };
    }
}
