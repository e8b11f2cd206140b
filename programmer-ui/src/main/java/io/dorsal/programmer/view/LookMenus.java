package io.dorsal.programmer.view;

import io.dorsal.programmer.theme.LookSettings;
import io.dorsal.programmer.theme.Theme;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/** The View menu's look items: the theme and touch-sized controls, both remembered by {@link LookSettings}. */
final class LookMenus {

    private LookMenus() {
    }

    /** View > Light theme, Dark theme: one of them chosen; every open window follows at once. */
    static List<MenuItem> themes(LookSettings look) {
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(theme.label() + " theme");
            item.setId("menuTheme" + theme.label());
            item.setToggleGroup(group);
            item.setSelected(look.theme() == theme);
            item.setOnAction(e -> look.themeProperty().set(theme));
            look.themeProperty().addListener((obs, was, now) -> item.setSelected(now == theme));
            items.add(item);
        }
        return items;
    }

    /** View > Touch-sized controls: every tap target at least 44 px. */
    static MenuItem touch(LookSettings look) {
        CheckMenuItem touch = new CheckMenuItem("Touch-sized controls");
        touch.setId("menuTouch");
        touch.selectedProperty().bindBidirectional(look.touchProperty());
        return touch;
    }
}
