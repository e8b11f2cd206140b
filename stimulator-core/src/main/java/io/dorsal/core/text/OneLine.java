package io.dorsal.core.text;

/**
 * Outside text (a name, a field, a value from a file or a frame) as it may appear in a one-line message: line
 * breaks, tabs and other control characters are written as escapes ({@code \n}, {@code \t}, {@code \\u001b}), so
 * that a name cannot break a message into two lines nor drive a terminal. Thread safe.
 */
public final class OneLine {

    private OneLine() {
    }

    /** The text with every control, line or paragraph separator character escaped. */
    public static String of(String text) {
        if (text == null || text.chars().noneMatch(OneLine::escaped)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escaped(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean escaped(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
