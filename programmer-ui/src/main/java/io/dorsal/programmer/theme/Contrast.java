package io.dorsal.programmer.theme;

import javafx.scene.paint.Color;

/** WCAG 2 contrast between two colours, and the least ratio AA asks of normal text. */
public final class Contrast {

    /** WCAG 2.1 AA, success criterion 1.4.3: normal text against its ground. */
    public static final double AA_TEXT = 4.5;

    private Contrast() {
    }

    /** The contrast ratio of {@code a} and {@code b} (opaque colours), 1 (none) to 21 (black on white). */
    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG's relative luminance of an opaque sRGB colour, 0 (black) to 1 (white). */
    public static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    /** {@code top} seen over the opaque {@code ground}, as drawn: their blend by {@code top}'s opacity. */
    public static Color over(Color top, Color ground) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + ground.getRed() * (1 - a), top.getGreen() * a + ground.getGreen() * (1 - a),
                top.getBlue() * a + ground.getBlue() * (1 - a));
    }

    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
