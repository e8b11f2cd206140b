package io.dorsal.programmer.view;

import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.programmer.pump.PumpField;
import io.dorsal.programmer.pump.PumpModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The drug pump workspace: alarms on top in a panel that cannot be missed; the prescription editor on the left
 * (each number with its unit and, beside it, the rule it breaks), the refill workflow under it; the 24-hour dose
 * chart, the pump's status, the patient's bolus remote, STOP (suspend) and the interrogation report on the right.
 */
public final class PumpView extends BorderPane {

    private final PumpModel pump;
    private final XYChart.Series<String, Number> rates = new XYChart.Series<>();
    private final Label dailyDose = new Label();

    public PumpView(PumpModel pump) {
        this.pump = pump;
        setId("pumpView");
        getStyleClass().add("pump-view");

        Label alarmTitle = Controls.label("ALARMS", "section-title");
        ListView<String> alarmList = new ListView<>(pump.alarms());
        alarmList.setId("pumpAlarms");
        alarmList.setPrefHeight(58);
        VBox alarms = new VBox(2, alarmTitle, alarmList);
        alarms.getStyleClass().add("error-banner");
        alarms.setPadding(new Insets(6, 10, 6, 10));
        alarms.visibleProperty().bind(Bindings.isNotEmpty(pump.alarms()));
        alarms.managedProperty().bind(alarms.visibleProperty());
        setTop(alarms);

        setLeft(editor());
        setCenter(right());

        Label status = new Label();
        status.setId("pumpMessage");
        status.getStyleClass().add("status");
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(pump.messageProperty());
        setBottom(status);
        redrawChart();
    }

    private VBox editor() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int row = 0;
        for (PumpField f : pump.fields()) {
            Spinner<Double> spinner = Controls.doubleSpinner("pump-" + f.object() + "-" + f.name(), 0, 100_000, step(f));
            spinner.getValueFactory().setValue(f.valueProperty().get());
            spinner.valueProperty().addListener((obs, was, now) -> {
                if (now != null) {
                    f.valueProperty().set(now);
                }
            });
            // an undo or redo sets the number back: the spinner follows
            f.valueProperty().addListener((obs, was, now) -> {
                if (!now.equals(spinner.getValue())) {
                    spinner.getValueFactory().setValue(now.doubleValue());
                }
            });
            grid.add(Controls.label(f.label(), "field-label"), 0, row);
            grid.add(spinner, 1, row);
            grid.add(new Label(f.unit()), 2, row);
            Label problem = Controls.problem("pump-problem-" + f.name(), f.problemProperty());
            problem.setMaxWidth(300);
            grid.add(problem, 1, row + 1, 2, 1);
            row += 2;
        }
        Button program = new Button("Program pump (no refill)");
        program.setId("pumpProgram");
        program.disableProperty().bind(pump.canProgramProperty().not());
        program.setOnAction(e -> {
            pump.program();
            redrawChart();
        });
        Button undo = Icons.UNDO.on(new Button("Undo"));
        undo.setId("pumpUndo");
        undo.textProperty().bind(pump.edits().undoLabelProperty());
        undo.disableProperty().bind(pump.edits().canUndoProperty().not());
        undo.setOnAction(e -> pump.edits().undo());
        Button redo = Icons.REDO.on(new Button("Redo"));
        redo.setId("pumpRedo");
        redo.textProperty().bind(pump.edits().redoLabelProperty());
        redo.disableProperty().bind(pump.edits().canRedoProperty().not());
        redo.setOnAction(e -> pump.edits().redo());
        // Ctrl+Z / Ctrl+Y in the pump's window, as in the stimulator's
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                now.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Z"), pump.edits()::undo);
                now.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), pump.edits()::redo);
            }
        });
        Label safe = new Label();
        safe.setId("pumpVerdict");
        safe.textProperty().bind(Bindings.when(pump.canProgramProperty()).then("Safe: every rule holds")
                .otherwise(Bindings.size(pump.problems()).asString().concat(" rule(s) broken")));
        Label broken = new Label();
        broken.setId("pumpProblems");
        broken.getStyleClass().add("problem");
        broken.setWrapText(true);
        broken.setMaxWidth(440);
        broken.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", pump.problems()),
                pump.problems()));
        broken.visibleProperty().bind(broken.textProperty().isNotEmpty());
        broken.managedProperty().bind(broken.visibleProperty());
        pump.canProgramProperty().addListener((obs, was, now) -> redrawChart());
        for (PumpField f : pump.fields()) {
            f.valueProperty().addListener((obs, was, now) -> redrawChart());
        }

        Label refillTitle = Controls.label("Refill, step by step", "section-title");
        Spinner<Double> drawn = Controls.doubleSpinner("pumpDrawnMl", 0, 100, 0.1);
        drawn.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                pump.drawnMlProperty().set(now);
            }
        });
        Button check = new Button("2. Check the draw-back");
        check.setId("pumpCheckRefill");
        check.setOnAction(e -> pump.checkRefill());
        Label checkResult = new Label();
        checkResult.setId("pumpRefillCheck");
        checkResult.setWrapText(true);
        checkResult.setMaxWidth(420);
        checkResult.textProperty().bind(pump.refillMessageProperty());
        Button fill = new Button("3. Fill with this prescription");
        fill.setId("pumpFill");
        fill.disableProperty().bind(pump.refillCheckedProperty().not().or(pump.canProgramProperty().not()));
        fill.setOnAction(e -> {
            pump.fill();
            redrawChart();
        });
        Label drug = new Label(pump.deviceDescription());
        drug.setId("pumpDevice");
        drug.setWrapText(true);
        drug.setMaxWidth(440);
        VBox box = new VBox(6, Controls.label("Prescription", "section-title"), drug, grid, new HBox(6, undo, redo),
                safe, broken, program,
                refillTitle,
                new HBox(6, new Label("1. Drawn back"), drawn, new Label("mL")), check, checkResult, fill);
        box.setPadding(new Insets(10));
        box.setPrefWidth(470);
        return box;
    }

    private static double step(PumpField f) {
        return switch (f.name()) {
            case "lockoutMin" -> 10;
            case "maxPerDay" -> 1;
            case "fillMl", "lowAlarmMl" -> 0.5;
            default -> 0.1;
        };
    }

    private VBox right() {
        CategoryAxis hours = new CategoryAxis();
        hours.setLabel("hour of the day");
        NumberAxis rate = new NumberAxis();
        rate.setLabel("rate (mL/day)");
        BarChart<String, Number> chart = new BarChart<>(hours, rate);
        chart.setId("pumpDoseChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setBarGap(1);
        chart.setCategoryGap(2);
        chart.getData().add(rates);
        chart.setPrefHeight(220);
        dailyDose.setId("pumpDailyDose");

        Label status = new Label();
        status.setId("pumpStatus");
        status.textProperty().bind(Bindings.createStringBinding(() -> describe(pump.statusProperty().get()),
                pump.statusProperty()));

        Button hour = new Button("+1 h");
        hour.setId("pumpAdvanceHour");
        hour.setOnAction(e -> pump.advanceHours(1));
        Button day = new Button("+1 day");
        day.setId("pumpAdvanceDay");
        day.setOnAction(e -> pump.advanceHours(24));
        // a rig's pump runs on the rig's clock: only the embedded simulation's time passes at a click
        hour.setDisable(!pump.simulated());
        day.setDisable(!pump.simulated());
        Button bolus = new Button("Patient bolus");
        bolus.setId("pumpBolus");
        bolus.setOnAction(e -> pump.requestBolus());
        Label bolusResult = new Label();
        bolusResult.setId("pumpBolusResult");
        bolusResult.setWrapText(true);
        bolusResult.textProperty().bind(pump.bolusMessageProperty());
        Button stop = Icons.STOP_ALL.on(new Button("STOP (suspend)"));
        stop.setId("pumpSuspend");
        stop.getStyleClass().addAll("stop-all", atlantafx.base.theme.Styles.DANGER);
        stop.setOnAction(e -> pump.suspend());
        Button resume = new Button("Resume");
        resume.setId("pumpResume");
        resume.setOnAction(e -> pump.resume());
        TextArea report = new TextArea();
        report.setId("pumpReport");
        report.setEditable(false);
        report.setPrefRowCount(8);
        report.setStyle("-fx-font-family: monospace;");
        Button interrogate = Icons.REPORT.on(new Button("Interrogate"));
        interrogate.setId("pumpInterrogate");
        interrogate.setOnAction(e -> report.setText(pump.interrogationReport()));
        VBox.setVgrow(report, Priority.ALWAYS);

        HBox time = new HBox(6, Controls.label("Simulated time", "field-label"), hour, day);
        time.setAlignment(Pos.CENTER_LEFT);
        HBox remote = new HBox(6, bolus, stop, resume);
        remote.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, Controls.label("24-hour dose", "section-title"), chart, dailyDose, status, time, remote,
                bolusResult, interrogate, report);
        box.setPadding(new Insets(10));
        return box;
    }

    private void redrawChart() {
        double[] perHour = pump.hourlyRateMlPerDay();
        rates.getData().clear();
        for (int h = 0; h < perHour.length; h++) {
            rates.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%02d", h), perHour[h]));
        }
        dailyDose.setText("Base dose a day: " + pump.dailyDose() + (pump.canProgramProperty().get()
                ? " (the draft)" : " (the pump's; the draft is not safe)"));
    }

    private static String describe(PumpStatus s) {
        if (s == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%sreservoir %.2f mL   rate %.3f mL/day   battery %.0f%%   %s",
                s.timeMs() > 0 ? String.format(Locale.ROOT, "Day %.1f   ", s.timeMs() / 86_400_000.0) : "",
                s.reservoirUl() / 1_000.0, s.rateUlPerDay() / 1_000.0,
                s.batteryFraction() * 100, s.suspended() ? "SUSPENDED" : s.delivering() ? "delivering" : "NOT delivering");
    }
}
