package io.dorsal.programmer.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Optional;

/**
 * The programmer's two themes, AtlantaFX's Primer light and dark: the user agent stylesheet every window takes, and
 * the colours the canvases (waveform preview, leads) draw with, which a stylesheet cannot reach.
 */
public enum Theme {
    LIGHT("Light", new PrimerLight().getUserAgentStylesheet(), Palette.PRIMER_LIGHT),
    DARK("Dark", new PrimerDark().getUserAgentStylesheet(), Palette.PRIMER_DARK);

    private final String label;
    private final String stylesheetResource;
    private final Palette palette;

    Theme(String label, String stylesheetResource, Palette palette) {
        this.label = label;
        this.stylesheetResource = stylesheetResource;
        this.palette = palette;
    }

    /** The name the View menu shows. */
    public String label() {
        return label;
    }

    /** The theme's stylesheet as a URL (resolved here, so that it loads whichever class path the app runs from). */
    public String userAgentStylesheet() {
        var url = Theme.class.getResource(stylesheetResource);
        if (url == null) {
            throw new IllegalStateException("the theme's stylesheet is not packed: " + stylesheetResource);
        }
        return url.toExternalForm();
    }

    /** What the canvases draw with in this theme. */
    public Palette palette() {
        return palette;
    }

    /** The theme a setting or an option names ("light", "dark"; any case), if any. */
    public static Optional<Theme> named(String name) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(name.strip()) || t.label.equalsIgnoreCase(name.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The word a setting stores. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
