package io.dorsal.programmer.view;

import io.dorsal.programmer.model.Session;
import io.dorsal.programmer.pump.PumpExample;
import io.dorsal.programmer.pump.PumpModel;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import io.dorsal.programmer.theme.LookSettings;
import io.dorsal.programmer.theme.Theme;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The programmer's main window: menu and generator header on top (STOP ALL always in sight), leads on the
 * left, the program editor in the middle, preview and safety on the right, session log and impedance check
 * below, and a status line.
 */
public final class MainView extends BorderPane {

    /** STOP ALL from the keyboard: Escape, or Ctrl+Shift+S. */
    public static final KeyCombination STOP_ALL_KEY = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final Session session;
    private final FileDialogs dialogs;
    private final LookSettings look;
    private final TabPane tabs = new TabPane();
    private final Tab impedanceTab;
    /** The menus, kept so that Help > Keyboard shortcuts lists their real accelerators. */
    private MenuBar menus;
    private Stage patientStage;
    private Stage recordStage;
    private LeadsView leadsView;
    private Stage pumpStage;
    private Stage aboutStage;
    private ConnectDialog connectDialog;

    /** The main window in the light theme, its look not remembered (tests). */
    public MainView(Session session, FileDialogs dialogs) {
        this(session, dialogs, LookSettings.forThisRun(Theme.LIGHT, false));
    }

    /** The main window in {@code look}'s theme, which the View menu changes. */
    public MainView(Session session, FileDialogs dialogs, LookSettings look) {
        this.session = session;
        this.dialogs = dialogs;
        this.look = look;
        look.applyTheme();
        setId("main");
        var programmer = session.programmer();

        HeaderView header = new HeaderView(session, this::openPatientView, this::openConnect, this::openRecord);
        Label error = Icons.PROBLEM.on(new Label());
        error.setId("fileError");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(programmer.notices().errorProperty());
        HBox.setHgrow(error, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismissError");
        dismiss.setOnAction(e -> programmer.notices().clearError());
        dismiss.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setMinWidth(0);
        error.setWrapText(false);
        error.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> Controls.tip(programmer.notices().errorProperty().get()), programmer.notices().errorProperty()));
        HBox errorBanner = new HBox(8, error, dismiss);
        errorBanner.getStyleClass().add("error-banner");
        errorBanner.setAlignment(Pos.CENTER_LEFT);
        errorBanner.setPadding(new Insets(4, 10, 4, 10));
        errorBanner.visibleProperty().bind(programmer.notices().errorProperty().isNotEmpty());
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        setTop(new VBox(menuBar(), header, errorBanner));

        leadsView = new LeadsView(programmer, look.themeProperty());
        LeadsView leads = leadsView;
        leads.setPrefWidth(292);
        leads.setMinWidth(292);
        ProgramEditorView editor = new ProgramEditorView(programmer, session.programSets());
        HBox.setHgrow(editor, Priority.ALWAYS);
        editor.setPrefWidth(540);
        editor.setMinWidth(500);
        WaveformView waveform = new WaveformView(session.preview(), look.themeProperty());
        VBox.setVgrow(waveform, Priority.ALWAYS);
        SafetyView safety = new SafetyView(programmer);
        VBox right = new VBox(waveform, safety);
        right.setPrefWidth(440);
        right.setMinWidth(430);
        // on a larger screen the editor stops at a readable width and the preview takes the rest
        editor.setMaxWidth(760);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox center = new HBox(leads, editor, right);
        setCenter(center);

        Tab log = new Tab("Session log", new SessionLogView(session.log()));
        log.setId("logTab");
        impedanceTab = new Tab("Impedance", new ImpedanceView(session.impedance()));
        impedanceTab.setId("impedanceTab");
        tabs.getTabs().addAll(log, impedanceTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("bottomTabs");
        tabs.setPrefHeight(168);
        tabs.setMinHeight(120);

        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        status.setMaxWidth(Double.MAX_VALUE);
        programmer.notices().messageProperty().addListener((obs, was, now) -> status.setText(now));
        session.generator().messageProperty().addListener((obs, was, now) -> status.setText(now));
        session.generator().linkProblemProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                status.setText(now);
            }
        });
        status.setText("Connected to the " + session.link().description().toLowerCase(java.util.Locale.ROOT)
                + ". Edits are checked as you make them; Apply sends them. STOP ALL: Esc.");
        setBottom(new VBox(tabs, status));
    }

    /** Installs the shortcuts that must work whatever has the focus: STOP ALL (Escape, Ctrl+Shift+S), Apply. */
    public void install(Scene scene) {
        installStopAll(scene, session.generator()::stopAll);
        look.applyTouch(scene);
    }

    /** Escape and Ctrl+Shift+S are STOP ALL in {@code scene}, whatever has the focus there. */
    static void installStopAll(Scene scene, Runnable stopAll) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || STOP_ALL_KEY.match(e)) {
                stopAll.run();
                e.consume();
            }
        });
    }

    private MenuBar menuBar() {
        var programmer = session.programmer();
        MenuItem open = item("Open program file…", "menuOpen", "Shortcut+O", this::open);
        MenuItem save = item("Save programs as…", "menuSave", "Shortcut+S", this::save);
        MenuItem report = item("Export session report…", "menuReport", "Shortcut+E", this::exportReport);
        MenuItem quit = item("Quit", "menuQuit", "Shortcut+Q", () -> window().hide());
        Menu file = new Menu("File", null, open, save, report, new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "menuUndo", "Shortcut+Z", programmer.edits()::undo);
        undo.disableProperty().bind(programmer.undoStack().canUndoProperty().not());
        undo.textProperty().bind(programmer.undoStack().undoLabelProperty());
        MenuItem redo = item("Redo", "menuRedo", "Shortcut+Y", programmer.edits()::redo);
        redo.disableProperty().bind(programmer.undoStack().canRedoProperty().not());
        redo.textProperty().bind(programmer.undoStack().redoLabelProperty());
        MenuItem moveUp = item("Move contacts up one contact", "menuMoveUp", "Alt+Up",
                () -> programmer.contacts().move(-1));
        MenuItem moveDown = item("Move contacts down one contact", "menuMoveDown", "Alt+Down",
                () -> programmer.contacts().move(1));
        MenuItem apply = item("Apply", "menuApply", "Shortcut+Enter", programmer.handover()::apply);
        apply.disableProperty().bind(programmer.handover().canApplyProperty().not());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), moveUp, moveDown,
                new SeparatorMenuItem(), apply, new SeparatorMenuItem());
        for (int i = 0; i < io.dorsal.programmer.model.ProgramList.MAX_PROGRAMS; i++) {
            int index = i;
            MenuItem select = item("Program " + (i + 1) + ", at its amplitude", "menuProgram" + (i + 1),
                    "Shortcut+" + (i + 1), () -> selectProgram(index));
            select.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> index >= programmer.draft().size(), programmer.edits().revisionProperty()));
            edit.getItems().add(select);
        }

        var generator = session.generator();
        MenuItem on = item("Therapy on", "menuOn", null, generator::therapyOn);
        MenuItem off = item("Therapy off", "menuOff", null, generator::therapyOff);
        MenuItem stop = item("STOP ALL  (Esc)", "menuStopAll", null, generator::stopAll);
        MenuItem impedance = item("Run impedance check", "menuImpedance", "Shortcut+I", this::runImpedance);
        MenuItem clear = item("Clear fault", "menuClearFault", null, generator::clearFault);
        MenuItem connect = item("Connect to rig…", "menuConnect", "Shortcut+K", this::openConnect);
        MenuItem disconnect = item("Disconnect (back to the embedded generator)", "menuDisconnect", null,
                session::disconnect);
        disconnect.disableProperty().bind(session.remoteProperty().not());
        Menu gen = new Menu("Generator", null, on, off, stop, new SeparatorMenuItem(), impedance, clear,
                new SeparatorMenuItem(), connect, disconnect);

        MenuItem patient = item("Patient view", "menuPatient", "Shortcut+P", this::openPatientView);
        MenuItem record = item("Patient record (history, trial, trends)", "menuRecord", "Shortcut+R", this::openRecord);
        record.setDisable(session.records().isEmpty());
        MenuItem pumpItem = item("Drug pump (embedded simulated pump)", "menuPump", "Shortcut+U", this::openPump);
        MenuItem rigPumpItem = item("Drug pump on the connected rig", "menuRigPump", null, this::openRigPump);
        rigPumpItem.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !(session.generator().link() instanceof io.dorsal.programmer.link.RigLink),
                session.generator().linkProperty()));
        MenuItem ecapItem = item("Closed loop (ECAP) for this program", "menuEcap", null, this::openEcap);
        Menu view = new Menu("View", null, record, patient, pumpItem, rigPumpItem, ecapItem, new SeparatorMenuItem());
        view.getItems().addAll(LookMenus.themes(look));
        view.getItems().add(LookMenus.touch(look));
        MenuItem keys = item("Keyboard shortcuts", "menuKeys", "F1", this::showShortcuts);
        MenuItem about = item("About Dorsal Programmer", "menuAbout", null, this::openAbout);
        Menu help = new Menu("Help", null, keys, new SeparatorMenuItem(), about);
        MenuBar bar = new MenuBar(file, edit, gen, view, help);
        bar.setId("menuBar");
        Icons.decorate(bar);
        menus = bar;
        return bar;
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    public void open() {
        dialogs.chooseProgramToOpen(window()).ifPresent(this::open);
    }

    public void open(Path file) {
        session.programmer().files().open(file);
    }

    public void save() {
        dialogs.chooseProgramToSave(window()).ifPresent(file -> session.programmer().files().save(file));
    }

    public void exportReport() {
        dialogs.chooseReport(window()).ifPresent(file -> session.exportReport(file).thenRun(
                session.generator()::refresh));
    }

    /** Selects program {@code index} (0 is program 1) and puts the keys in its amplitude, its value selected. */
    public void selectProgram(int index) {
        session.programmer().programs().select(index);
        if (lookup("#amplitude") instanceof javafx.scene.control.Spinner<?> amplitude) {
            amplitude.getEditor().requestFocus();
            amplitude.getEditor().selectAll();
        }
    }

    public void runImpedance() {
        tabs.getSelectionModel().select(impedanceTab);
        session.impedance().runCheck();
    }

    public void showLog() {
        tabs.getSelectionModel().select(0);
    }

    public void showImpedance() {
        tabs.getSelectionModel().select(impedanceTab);
    }

    /** Opens (or brings forward) the "Connect to rig" dialog. */
    public Stage openConnect() {
        if (connectDialog == null) {
            connectDialog = new ConnectDialog(session.connect(), window(),
                    getScene() == null ? java.util.List.of() : getScene().getStylesheets(), session.generator()::stopAll);
        }
        return connectDialog.show();
    }

    /** Presses Connect in the open "Connect to rig" dialog (the screenshot tour uses it). */
    public void connectNow() {
        if (connectDialog != null) {
            ((Button) connectDialog.lookup("#connect")).fire();
        }
    }

    /** Every refill of this pump lands in the open patient's record, if the session keeps one. */
    private void keepRefills(PumpModel model) {
        session.records().ifPresent(records -> model.onRefilled(r -> records.refilled(r.drug(),
                r.concentrationMgPerMl(), r.expectedResidualMl(), r.drawnMl(), r.filledMl())));
    }

    /** The leads pane (the flows switch it between spine and grid). */
    LeadsView leads() {
        return leadsView;
    }

    /** The open patient's record (History, Trial, Trends); nothing when the session keeps no record. */
    public Optional<Stage> openRecord() {
        if (session.records().isEmpty()) {
            return Optional.empty();
        }
        if (recordStage == null) {
            var model = new io.dorsal.programmer.records.PatientRecordModel(session.records().get(),
                    session.log().wallClock());
            recordStage = new Stage();
            recordStage.titleProperty().bind(javafx.beans.binding.Bindings.concat("Patient record — ",
                    model.patientLineProperty()));
            Scene scene = new Scene(new PatientRecordView(model), 960, 720);
            scene.getStylesheets().addAll(getScene() == null ? java.util.List.of() : getScene().getStylesheets());
            installStopAll(scene, session.generator()::stopAll);
            recordStage.setScene(scene);
            if (window() != null) {
                recordStage.initOwner(window());
            }
        }
        recordStage.show();
        recordStage.toFront();
        return Optional.of(recordStage);
    }

    /** Opens (or brings forward) the patient remote in a small window of its own. */
    public Stage openPatientView() {
        if (patientStage == null) {
            patientStage = new Stage();
            patientStage.setTitle("Dorsal patient remote");
            Scene scene = new Scene(new PatientView(session.patient()), 340, 380);
            scene.getStylesheets().addAll(getScene() == null ? java.util.List.of() : getScene().getStylesheets());
            installStopAll(scene, session.generator()::stopAll);
            patientStage.setScene(scene);
            if (window() != null) {
                patientStage.initOwner(window());
            }
        }
        patientStage.show();
        patientStage.toFront();
        return patientStage;
    }

    /**
     * Opens (or brings forward) the drug pump workspace over an embedded simulated pump filled with the example
     * morphine prescription (issue 13); its actions land in this session's log.
     */
    public Stage openPump() {
        if (pumpStage == null) {
            PumpModel model;
            try {
                model = new PumpModel(PumpExample.MORPHINE, session.log(), session.clinician());
                keepRefills(model);
            } catch (io.dorsal.infusion.file.PrescriptionFileException e) {
                throw new IllegalStateException("the packed example prescription reads", e);
            }
            pumpStage = new Stage();
            pumpStage.setTitle("Dorsal drug pump (embedded simulated pump)");
            Scene scene = new Scene(new PumpView(model), 1100, 760);
            scene.getStylesheets().addAll(getScene() == null ? java.util.List.of() : getScene().getStylesheets());
            installStopAll(scene, model::suspend);
            pumpStage.setScene(scene);
            if (window() != null) {
                pumpStage.initOwner(window());
            }
        }
        pumpStage.show();
        pumpStage.toFront();
        return pumpStage;
    }

    /**
     * Opens the drug pump workspace over the pump the connected rig serves ({@code stimctl serve --pump}); a rig that
     * serves none, or does not answer, is said in the error banner and nothing opens.
     */
    public Optional<Stage> openRigPump() {
        if (!(session.generator().link() instanceof io.dorsal.programmer.link.RigLink rig)) {
            session.programmer().notices().showError("Connect to a rig first (File > Connect to rig).");
            return Optional.empty();
        }
        io.dorsal.programmer.link.RigPump device;
        try {
            device = rig.openPump();
        } catch (java.io.IOException e) {
            session.programmer().notices().showError("No drug pump: " + e.getMessage());
            return Optional.empty();
        }
        PumpModel model = new PumpModel(device, session.log(), session.clinician());
        keepRefills(model);
        Stage stage = new Stage();
        stage.setTitle("Dorsal drug pump on the rig " + rig.address());
        Scene scene = new Scene(new PumpView(model), 1100, 760);
        scene.getStylesheets().addAll(getScene() == null ? java.util.List.of() : getScene().getStylesheets());
        installStopAll(scene, model::suspend);
        stage.setScene(scene);
        if (window() != null) {
            stage.initOwner(window());
        }
        stage.setOnHidden(e -> model.close());
        stage.show();
        return Optional.of(stage);
    }

    /**
     * Opens the closed-loop workspace for the program selected in the editor (issue 15): its growth curve, the loop's
     * target and recording contacts, open against closed loop on a posture day. A new window each time: it is about
     * the program selected when it opened.
     */
    public Stage openEcap() {
        Stage stage = new Stage();
        stage.setTitle("Dorsal closed loop: " + session.programmer().program().name());
        var ecap = new io.dorsal.programmer.ecap.EcapModel(session.programmer());
        var live = new io.dorsal.programmer.ecap.LiveLoop(ecap, session.clinician());
        EcapView view = new EcapView(ecap, live);
        Scene scene = new Scene(view, 1200, 780);
        scene.getStylesheets().addAll(getScene() == null ? java.util.List.of() : getScene().getStylesheets());
        installStopAll(scene, () -> session.generator().stopAll());
        stage.setScene(scene);
        // the live strip samples while the workspace is open; closing it opens the loop (docs/user-guide.md)
        stage.setOnShown(e -> view.startSampling());
        stage.setOnHidden(e -> view.close());
        if (window() != null) {
            stage.initOwner(window());
        }
        stage.show();
        return stage;
    }

    /** Opens (or brings forward) Help → About: the version and build. */
    public Stage openAbout() {
        if (aboutStage == null) {
            aboutStage = AboutDialog.create(window(), getScene() == null ? java.util.List.of() : getScene().getStylesheets());
        }
        aboutStage.show();
        aboutStage.toFront();
        return aboutStage;
    }

    /** The programmer's icon in every size, for the main window. */
    public static java.util.List<javafx.scene.image.Image> icons() {
        return AboutDialog.icons();
    }

    private void showShortcuts() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, String.join("\n", shortcutLines()), ButtonType.OK);
        alert.setHeaderText("Keyboard shortcuts");
        alert.initOwner(window());
        alert.show();
    }

    /**
     * Every keyboard shortcut, read from the menus' own accelerators (so the list cannot fall behind them), then STOP
     * ALL's keys, which the window handles whatever has the focus, and the editor's number fields' arrow keys.
     */
    java.util.List<String> shortcutLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("STOP ALL: Esc or " + STOP_ALL_KEY.getDisplayText() + " (works whatever has the focus)");
        for (Menu menu : menus.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null) {
                    String text = item.getText().replace("…", "").replaceAll("\\s+\\(.*\\)$", "").strip();
                    lines.add(menu.getText() + " > " + text + ": " + item.getAccelerator().getDisplayText());
                }
            }
        }
        lines.add("In a number field: Up / Down one step, Page Up / Page Down a larger one (amplitude 0.5 mA, pulse width"
                + " 50 us, rate 10 Hz or 1,000 Hz at high frequency)");
        return lines;
    }
    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
