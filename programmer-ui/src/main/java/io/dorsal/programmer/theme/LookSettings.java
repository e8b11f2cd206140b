package io.dorsal.programmer.theme;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * The programmer's look, chosen in the View menu and remembered: the theme (light or dark) and touch-sized controls
 * (every tap target at least 44 px, for tablets). Setting either restyles every open window at once: the theme is
 * JavaFX's user agent stylesheet, touch sizes a stylesheet of their own on each window's scene.
 */
public final class LookSettings {

    /** The stylesheet that makes every tap target at least {@link #TOUCH_TARGET_PX} px. */
    public static final String TOUCH_STYLESHEET = "/io/dorsal/programmer/touch.css";
    /** The least size of a tap target with touch sizes on (WCAG 2.5.5, Apple's and Google's guidelines: 44 to 48). */
    public static final double TOUCH_TARGET_PX = 44;
    static final String THEME_KEY = "theme";
    static final String TOUCH_KEY = "touch";

    private final SettingsStore store;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty touch = new SimpleBooleanProperty(this, "touch", false);

    /** The look remembered in {@code store} (light, not touch-sized, when nothing is). */
    public LookSettings(SettingsStore store) {
        this.store = store;
        theme.set(store.get(THEME_KEY).flatMap(Theme::named).orElse(Theme.LIGHT));
        touch.set(store.get(TOUCH_KEY).map(Boolean::parseBoolean).orElse(false));
        theme.addListener((obs, was, now) -> {
            store.put(THEME_KEY, now.key());
            applyTheme();
        });
        touch.addListener((obs, was, now) -> {
            store.put(TOUCH_KEY, Boolean.toString(now));
            Window.getWindows().forEach(w -> applyTouch(w.getScene()));
        });
    }

    /** The user's own look, remembered between runs. */
    public static LookSettings remembered() {
        return new LookSettings(SettingsStore.preferences(Preferences.userRoot().node("io/dorsal/programmer/look")));
    }

    /** A look for this run only (tests, screenshot runs). */
    public static LookSettings forThisRun(Theme theme, boolean touchSized) {
        LookSettings look = new LookSettings(SettingsStore.memory());
        look.theme.set(theme);
        look.touch.set(touchSized);
        return look;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme theme() {
        return theme.get();
    }

    public BooleanProperty touchProperty() {
        return touch;
    }

    /** Makes the theme JavaFX's user agent stylesheet: every window, open or to come, takes it. */
    public void applyTheme() {
        Application.setUserAgentStylesheet(theme.get().userAgentStylesheet());
    }

    /** Adds (or removes) the touch-size stylesheet on {@code scene}, as the setting says. */
    public void applyTouch(Scene scene) {
        if (scene == null) {
            return;
        }
        String sheet = touchStylesheet();
        List<String> sheets = scene.getStylesheets();
        if (touch.get() && !sheets.contains(sheet)) {
            sheets.add(sheet);
        } else if (!touch.get()) {
            sheets.remove(sheet);
        }
    }

    private static String touchStylesheet() {
        return LookSettings.class.getResource(TOUCH_STYLESHEET).toExternalForm();
    }
}
