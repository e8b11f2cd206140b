package io.dorsal.programmer.view;

import java.util.Map;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * The programmer's icons (Ikonli's Material Design 2 pack), one name per meaning, so that a meaning looks the same
 * everywhere. Icons go with words, never in their place: a button keeps its text, a broken rule its sentence.
 */
enum Icons {
    STOP_ALL(MaterialDesignA.ALERT_OCTAGON),
    APPLY(MaterialDesignS.SEND_CHECK),
    UNDO(MaterialDesignU.UNDO),
    REDO(MaterialDesignR.REDO),
    ADD(MaterialDesignP.PLUS),
    DUPLICATE(MaterialDesignC.CONTENT_COPY),
    DELETE(MaterialDesignD.DELETE),
    POWER(MaterialDesignP.POWER),
    PATIENT(MaterialDesignA.ACCOUNT),
    RECORD(MaterialDesignC.CLIPBOARD_ACCOUNT),
    CONNECT(MaterialDesignL.LAN_CONNECT),
    IMPEDANCE(MaterialDesignR.RESISTOR),
    OPEN(MaterialDesignF.FOLDER_OPEN),
    SAVE(MaterialDesignC.CONTENT_SAVE),
    REPORT(MaterialDesignF.FILE_DOCUMENT),
    HELP(MaterialDesignH.HELP_CIRCLE_OUTLINE),
    THEME(MaterialDesignT.THEME_LIGHT_DARK),
    TOUCH(MaterialDesignH.HAND_POINTING_UP),
    /** A broken rule, a refusal, an open or shorted contact: always beside its words. */
    PROBLEM(MaterialDesignA.ALERT_CIRCLE),
    /** Every rule holds. */
    OK(MaterialDesignC.CHECK_CIRCLE);

    /** Menu items by id and the icon each carries. */
    private static final Map<String, Icons> MENU_ICONS = Map.ofEntries(Map.entry("menuOpen", OPEN),
            Map.entry("menuSave", SAVE), Map.entry("menuReport", REPORT), Map.entry("menuUndo", UNDO),
            Map.entry("menuRedo", REDO), Map.entry("menuApply", APPLY), Map.entry("menuOn", POWER),
            Map.entry("menuStopAll", STOP_ALL), Map.entry("menuImpedance", IMPEDANCE), Map.entry("menuConnect", CONNECT),
            Map.entry("menuPatient", PATIENT), Map.entry("menuKeys", HELP), Map.entry("menuThemeDark", THEME),
            Map.entry("menuTouch", TOUCH));

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    /** A new icon node (a node has one parent, so each use takes its own). */
    FontIcon icon() {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(16);
        return icon;
    }

    /** Puts this icon before {@code labeled}'s text. */
    <T extends Labeled> T on(T labeled) {
        labeled.setGraphic(icon());
        return labeled;
    }

    /** Gives the menus' items their icons, by id. */
    static void decorate(MenuBar bar) {
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getId() != null && MENU_ICONS.containsKey(item.getId())) {
                    MENU_ICONS.get(item.getId()).on(item);
                }
            }
        }
    }

    /** Puts this icon before {@code item}'s text. */
    MenuItem on(MenuItem item) {
        item.setGraphic(icon());
        return item;
    }
}
