package io.dorsal.programmer.theme;

import javafx.scene.paint.Color;

/**
 * The colours a canvas draws with in one theme, taken from that theme's own palette (AtlantaFX's Primer
 * {@code -color-*} looked-up colours), since a canvas cannot read a stylesheet.
 *
 * @param background the canvas's ground ({@code -color-bg-default})
 * @param text labels on it ({@code -color-fg-default})
 * @param mutedText axis figures and captions ({@code -color-fg-muted})
 * @param grid base lines and ticks ({@code -color-border-default})
 * @param cathodic cathodic current and cathodes ({@code -color-accent-fg})
 * @param anodic anodic current and anodes ({@code -color-danger-fg})
 * @param danger a broken rule's words ({@code -color-danger-fg})
 * @param dangerGround behind a broken rule's words ({@code -color-danger-subtle} over the ground)
 */
public record Palette(Color background, Color text, Color mutedText, Color grid, Color cathodic, Color anodic,
                      Color danger, Color dangerGround) {

    /** Primer light. */
    public static final Palette PRIMER_LIGHT = new Palette(Color.web("#ffffff"), Color.web("#24292f"),
            Color.web("#57606a"), Color.web("#d0d7de"), Color.web("#0969da"), Color.web("#cf222e"),
            Color.web("#cf222e"), Color.web("#ffebe9"));
    /** Primer dark: -color-danger-subtle is 15 % of #f85149 over the ground #0d1117. */
    public static final Palette PRIMER_DARK = new Palette(Color.web("#0d1117"), Color.web("#c9d1d9"),
            Color.web("#8b949e"), Color.web("#30363d"), Color.web("#58a6ff"), Color.web("#f85149"),
            Color.web("#f85149"), Color.web("#0d1117").interpolate(Color.web("#f85149"), 0.15));
}
