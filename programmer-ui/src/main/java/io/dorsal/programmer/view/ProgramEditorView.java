package io.dorsal.programmer.view;

import atlantafx.base.theme.Styles;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.programmer.model.Field;
import io.dorsal.programmer.model.KeySteps;
import io.dorsal.programmer.model.PatternType;
import io.dorsal.programmer.model.ProgramFields;
import io.dorsal.programmer.model.ProgrammerModel;
import io.dorsal.programmer.model.RechargeType;
import java.util.function.DoubleConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The program editor: the program chooser (add, duplicate, delete, enable), then every parameter with its
 * unit, limits and step, and under each the rule it breaks in words. Undo, redo and Apply at the bottom;
 * Apply is disabled while anything is unsafe.
 */
final class ProgramEditorView extends VBox {

    private final ProgrammerModel model;
    private final ProgramFields fields;
    private final HBox programButtons = new HBox(4);
    private final ToggleGroup programGroup = new ToggleGroup();
    private static final double LABEL_WIDTH = 104;
    private static final double UNIT_WIDTH = 30;
    private static final double HINT_WIDTH = 150;
    private final VBox rows = new VBox(5);
    private boolean quiet;

    ProgramEditorView(ProgrammerModel model, io.dorsal.programmer.model.ProgramSetsModel sets) {
        this.model = model;
        this.fields = model.fields();
        setId("programEditor");
        getStyleClass().add("pane");
        setSpacing(6);
        setPadding(new Insets(8));
        DeviceLimits l = DeviceLimits.DEFAULTS;

        Button add = Icons.ADD.on(new Button("Add"));
        add.setId("addProgram");
        add.setOnAction(e -> model.programs().addProgram());
        Button duplicate = Icons.DUPLICATE.on(new Button("Duplicate"));
        duplicate.setId("duplicateProgram");
        duplicate.setOnAction(e -> model.programs().duplicateProgram());
        Button delete = Icons.DELETE.on(new Button("Delete"));
        delete.setId("deleteProgram");
        delete.setOnAction(e -> model.programs().deleteProgram());
        CheckBox enabled = new CheckBox("Enabled");
        enabled.setId("enabled");
        enabled.selectedProperty().bindBidirectional(fields.enabledProperty());
        enabled.setTooltip(Controls.tip("A disabled program stays in the session but is not sent on Apply."));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label programTitle = Controls.label("Program", "section-title");
        programTitle.setMinWidth(Region.USE_PREF_SIZE);
        HBox programRow = new HBox(6, programTitle, programButtons);
        programRow.setAlignment(Pos.CENTER_LEFT);
        HBox actionsRow = new HBox(6, add, duplicate, delete, spring, enabled);
        actionsRow.setAlignment(Pos.CENTER_LEFT);
        // the program sets on the generator: which runs, which the patient may choose, and switching
        Label setsSummary = Controls.label("", "hint");
        setsSummary.setId("setsSummary");
        setsSummary.setWrapText(true);
        setsSummary.setMinHeight(Region.USE_PREF_SIZE);
        setsSummary.textProperty().bind(sets.summaryProperty());
        HBox.setHgrow(setsSummary, Priority.ALWAYS);
        javafx.scene.control.ChoiceBox<String> setChoice = new javafx.scene.control.ChoiceBox<>(sets.names());
        setChoice.setId("setChoice");
        setChoice.valueProperty().bindBidirectional(sets.chosenProperty());
        Button runSet = new Button("Run set");
        runSet.setId("runSet");
        runSet.setMinWidth(Region.USE_PREF_SIZE);
        runSet.setOnAction(e -> sets.activate());
        Label setProblem = Controls.problem("setProblem", sets.messageProperty());
        HBox setsRow = new HBox(6, Controls.label("Sets", "field-label"), setChoice, runSet, setsSummary);
        setsRow.setAlignment(Pos.CENTER_LEFT);
        VBox setsBox = new VBox(2, setsRow, setProblem);
        setsBox.setId("programSets");
        setsBox.visibleProperty().bind(sets.presentProperty());
        setsBox.managedProperty().bind(sets.presentProperty());
        VBox programBar = new VBox(4, programRow, actionsRow, setsBox);


        TextField name = new TextField();
        name.setId("name");
        name.setPrefWidth(220);
        name.textProperty().bindBidirectional(fields.nameProperty());
        name.setOnAction(e -> fields.setName(name.getText()));
        name.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                fields.setName(name.getText());
            }
        });
        addRow("Name", name, null, "", "letters, digits, spaces, - _ .; at most 32", Field.NAME, "nameProblem");

        Slider amplitudeSlider = slider("amplitudeSlider", 0, l.maxAmplitudeMa());
        Spinner<Double> amplitude = Controls.doubleSpinner("amplitude", 0, l.maxAmplitudeMa(), l.amplitudeStepMa());
        bindDouble(amplitudeSlider, amplitude, fields.amplitudeMaProperty(), l.amplitudeStepMa());
        Controls.keySteps(amplitude, () -> KeySteps.amplitude(l));
        Label amplitudeHint = Controls.label("", "hint");
        amplitudeHint.textProperty().bind(Bindings.createStringBinding(() -> "0 to " + Figures.format(l.maxAmplitudeMa())
                + ", step " + Figures.format(l.amplitudeStepMa()) + (fields.patientRangeOnProperty().get()
                ? "; patient " + Figures.format(fields.patientMinMaProperty().get()) + " to "
                + Figures.format(fields.patientMaxMaProperty().get()) : ""),
                fields.patientRangeOnProperty(), fields.patientMinMaProperty(), fields.patientMaxMaProperty()));
        addRow(Controls.label("Amplitude", "field-label"), headroom(amplitudeSlider, Field.AMPLITUDE, "mA"), amplitude, "mA",
                amplitudeHint, Field.AMPLITUDE, "amplitudeProblem");

        Slider pulseWidthSlider = slider("pulseWidthSlider", l.minPulseWidthUs(), l.maxPulseWidthUs());
        Spinner<Integer> pulseWidth = Controls.intSpinner("pulseWidth", l.minPulseWidthUs(), l.maxPulseWidthUs(),
                l.pulseWidthStepUs());
        bindInt(pulseWidthSlider, pulseWidth, fields.pulseWidthUsProperty(), l.pulseWidthStepUs());
        Controls.keySteps(pulseWidth, () -> KeySteps.pulseWidth(l));
        addRow("Pulse width", headroom(pulseWidthSlider, Field.PULSE_WIDTH, "us"), pulseWidth, "us", l.minPulseWidthUs() + " to " + l.maxPulseWidthUs()
                + ", step " + l.pulseWidthStepUs(), Field.PULSE_WIDTH, "pulseWidthProblem");

        ChoiceBox<PatternType> pattern = new ChoiceBox<>();
        pattern.getItems().addAll(PatternType.values());
        pattern.setId("pattern");
        pattern.valueProperty().bindBidirectional(fields.patternTypeProperty());
        addRow("Pattern", pattern, null, "", "tonic, burst (BurstDR start), high frequency (10 kHz start)",
                Field.PATTERN, "patternProblem");

        Slider rateSlider = slider("rateSlider", l.minTonicRateHz(), l.maxTonicRateHz());
        Spinner<Integer> rate = Controls.intSpinner("rate", 1, l.maxHighFrequencyRateHz(), 1);
        bindInt(rateSlider, rate, fields.rateHzProperty(), 1);
        Controls.keySteps(rate, () -> KeySteps.rate(fields.patternTypeProperty().get()));
        Label rateHint = Controls.label("", "hint");
        Label rateLabel = Controls.label("Rate", "field-label");
        fields.patternTypeProperty().addListener((obs, was, now) -> rateRange(now, rateSlider, rateHint, rateLabel, l));
        rateRange(fields.patternTypeProperty().get(), rateSlider, rateHint, rateLabel, l);
        addRow(rateLabel, headroom(rateSlider, Field.RATE, "Hz"), rate, "Hz", rateHint, Field.RATE, "rateProblem");

        Spinner<Integer> pulses = Controls.intSpinner("pulsesPerBurst", l.minPulsesPerBurst(), l.maxPulsesPerBurst(), 1);
        pulses.getValueFactory().valueProperty().bindBidirectional(fields.pulsesPerBurstProperty());
        Spinner<Integer> intra = Controls.intSpinner("intraBurstRate", 2, l.maxIntraBurstRateHz(), 10);
        intra.getValueFactory().valueProperty().bindBidirectional(fields.intraBurstRateHzProperty());
        FlowPane burst = flow(6, pulses, Controls.label("pulses at", "hint"), intra, Controls.label("Hz", "hint"));
        Node[] burstRow = addRow("Burst", burst, null, "", l.minPulsesPerBurst() + " to " + l.maxPulsesPerBurst()
                + " pulses, up to " + l.maxIntraBurstRateHz() + " Hz inside", Field.BURST, "burstProblem");
        for (Node n : burstRow) {
            n.visibleProperty().bind(fields.patternTypeProperty().isEqualTo(PatternType.BURST));
            n.managedProperty().bind(n.visibleProperty());
        }

        ChoiceBox<RechargeType> recharge = new ChoiceBox<>();
        recharge.getItems().addAll(RechargeType.values());
        recharge.setId("recharge");
        recharge.setPrefWidth(104);
        recharge.setMinWidth(104);
        recharge.valueProperty().bindBidirectional(fields.rechargeTypeProperty());
        Spinner<Integer> gap = Controls.intSpinner("interphaseGap", 0, l.maxInterphaseGapUs(), 10);
        gap.getValueFactory().valueProperty().bindBidirectional(fields.interphaseGapUsProperty());
        gap.setPrefWidth(92);
        gap.setMinWidth(92);
        Spinner<Integer> ratio = Controls.intSpinner("rechargeRatio", 1, l.maxRechargeRatio(), 1);
        ratio.getValueFactory().valueProperty().bindBidirectional(fields.rechargeRatioProperty());
        ratio.setPrefWidth(80);
        ratio.setMinWidth(80);
        Spinner<Integer> window = Controls.intSpinner("passiveWindow", 0, 1_000_000, 100);
        window.getValueFactory().valueProperty().bindBidirectional(fields.passiveWindowUsProperty());
        HBox active = new HBox(4, Controls.label("gap", "hint"), gap, Controls.label("us  ratio", "hint"), ratio);
        active.setAlignment(Pos.CENTER_LEFT);
        HBox passive = new HBox(4, Controls.label("window", "hint"), window, Controls.label("us (0: rest of period)", "hint"));
        passive.setAlignment(Pos.CENTER_LEFT);
        active.visibleProperty().bind(fields.rechargeTypeProperty().isEqualTo(RechargeType.ACTIVE));
        active.managedProperty().bind(active.visibleProperty());
        passive.visibleProperty().bind(active.visibleProperty().not());
        passive.managedProperty().bind(passive.visibleProperty());
        FlowPane rechargeBox = flow(6, recharge, active, passive);
        addRow("Recharge", rechargeBox, null, "", "gap 0 to " + l.maxInterphaseGapUs() + " us, ratio 1 to "
                + l.maxRechargeRatio() + "; a passive window at least the pulse width", Field.RECHARGE, "rechargeProblem");

        Spinner<Double> ramp = Controls.doubleSpinner("ramp", 0, l.maxRampS(), 0.5);
        ramp.getValueFactory().valueProperty().bindBidirectional(fields.rampSProperty());
        addRow("Ramp", new Label(), ramp, "s", "soft start, 0 to " + Figures.format(l.maxRampS()) + ", step 0.5",
                Field.RAMP, "rampProblem");

        CheckBox cycling = new CheckBox("cycle");
        cycling.setId("cycling");
        cycling.selectedProperty().bindBidirectional(fields.cyclingProperty());
        Spinner<Integer> on = Controls.intSpinner("cycleOn", l.minCycleS(), l.maxCycleS(), 10);
        on.getValueFactory().valueProperty().bindBidirectional(fields.cycleOnSProperty());
        Spinner<Integer> off = Controls.intSpinner("cycleOff", l.minCycleS(), l.maxCycleS(), 10);
        off.getValueFactory().valueProperty().bindBidirectional(fields.cycleOffSProperty());
        on.setPrefWidth(104);
        on.setMinWidth(104);
        off.setPrefWidth(104);
        off.setMinWidth(104);
        on.disableProperty().bind(fields.cyclingProperty().not());
        off.disableProperty().bind(fields.cyclingProperty().not());
        FlowPane cycle = flow(4, cycling, on, Controls.label("s on", "hint"), off, Controls.label("s off", "hint"));
        addRow("Cycling", cycle, null, "", l.minCycleS() + " to " + l.maxCycleS() + " s each", Field.CYCLE, "cycleProblem");

        CheckBox patient = new CheckBox("allow");
        patient.setId("patientRange");
        patient.selectedProperty().bindBidirectional(fields.patientRangeOnProperty());
        Spinner<Double> min = Controls.doubleSpinner("patientMin", 0, l.maxAmplitudeMa(), l.amplitudeStepMa());
        min.getValueFactory().valueProperty().bindBidirectional(fields.patientMinMaProperty());
        Spinner<Double> max = Controls.doubleSpinner("patientMax", 0, l.maxAmplitudeMa(), l.amplitudeStepMa());
        max.getValueFactory().valueProperty().bindBidirectional(fields.patientMaxMaProperty());
        min.setPrefWidth(104);
        min.setMinWidth(104);
        max.setPrefWidth(104);
        max.setMinWidth(104);
        min.disableProperty().bind(fields.patientRangeOnProperty().not());
        max.disableProperty().bind(fields.patientRangeOnProperty().not());
        FlowPane range = flow(4, patient, min, Controls.label("to", "hint"), max, Controls.label("mA", "hint"));
        addRow("Patient range", range, null, "", "inside 0 to " + Figures.format(l.maxAmplitudeMa()) + " mA, step " + Figures.format(l.amplitudeStepMa())
                + "; doses are checked at its maximum too", Field.PATIENT_RANGE,
                "patientRangeProblem");

        rows.setPadding(new Insets(2, 4, 2, 0));
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Button undo = Icons.UNDO.on(new Button("Undo"));
        undo.setId("undo");
        undo.setOnAction(e -> model.edits().undo());
        undo.disableProperty().bind(model.undoStack().canUndoProperty().not());
        undo.setTooltip(Controls.tip("Ctrl+Z"));
        model.undoStack().undoLabelProperty().addListener((obs, was, now) -> undo.getTooltip().setText(now + " (Ctrl+Z)"));
        Button redo = Icons.REDO.on(new Button("Redo"));
        redo.setId("redo");
        redo.setOnAction(e -> model.edits().redo());
        redo.disableProperty().bind(model.undoStack().canRedoProperty().not());
        redo.setTooltip(Controls.tip("Ctrl+Y"));
        model.undoStack().redoLabelProperty().addListener((obs, was, now) -> redo.getTooltip().setText(now + " (Ctrl+Y)"));
        Label note = new Label();
        note.setId("applyNote");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> !model.check().safeProperty().get()
                ? "Fix what is shown in red to Apply." : !model.handover().dirtyProperty().get()
                ? "The generator runs this therapy." : model.handover().applyNoteProperty().get().isEmpty()
                ? "Changes not yet sent." : model.handover().applyNoteProperty().get(),
                model.check().safeProperty(), model.handover().dirtyProperty(), model.handover().applyNoteProperty()));
        HBox.setHgrow(note, Priority.ALWAYS);
        note.setMaxWidth(Double.MAX_VALUE);
        Button apply = Icons.APPLY.on(new Button("Apply"));
        apply.setId("apply");
        apply.getStyleClass().addAll("apply", Styles.ACCENT);
        apply.setDefaultButton(false);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        apply.disableProperty().bind(model.handover().canApplyProperty().not());
        apply.setTooltip(Controls.tip("Sends the enabled programs to the generator (Ctrl+Enter)."));
        apply.setOnAction(e -> model.handover().apply());
        undo.setMinWidth(Region.USE_PREF_SIZE);
        redo.setMinWidth(Region.USE_PREF_SIZE);
        note.setMinWidth(0);
        HBox actions = new HBox(6, undo, redo, note, apply);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(programBar, scroll, actions);
        model.edits().draftProperty().addListener((obs, was, now) -> rebuildProgramButtons());
        model.edits().selectedProperty().addListener((obs, was, now) -> rebuildProgramButtons());
        model.edits().revisionProperty().addListener((obs, was, now) -> {
            add.setDisable(!model.programs().canAddProgram());
            duplicate.setDisable(!model.programs().canAddProgram());
            delete.setDisable(!model.programs().canDeleteProgram());
        });
        rebuildProgramButtons();
    }

    private void rebuildProgramButtons() {
        programButtons.getChildren().clear();
        programGroup.getToggles().clear();
        for (int i = 0; i < model.draft().size(); i++) {
            var slot = model.draft().slots().get(i);
            ToggleButton b = new ToggleButton(slot.program().name() + (slot.enabled() ? "" : " (off)"));
            b.setId("program-" + i);
            b.setToggleGroup(programGroup);
            b.setSelected(i == model.edits().selectedProperty().get());
            b.setMinWidth(Region.USE_PREF_SIZE);
            int index = i;
            b.setOnAction(e -> {
                model.programs().select(index);
                b.setSelected(true);
            });
            programButtons.getChildren().add(b);
        }
    }

    private Node[] addRow(String label, Node control, Spinner<?> spinner, String unit, String hint, Field field, String problemId) {
        Label hintLabel = Controls.label(hint, "hint");
        return addRow(Controls.label(label, "field-label"), control, spinner, unit, hintLabel, field, problemId);
    }

    /**
     * One parameter: its name, its control (a slider and a spinner, or one control), its unit, its limits and
     * step; under it, in red, the rule it breaks.
     */
    private Node[] addRow(Label label, Node control, Spinner<?> spinner, String unit, Label hint, Field field, String problemId) {
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        hint.setWrapText(true);
        hint.setMinWidth(HINT_WIDTH);
        hint.setPrefWidth(HINT_WIDTH);
        hint.setMaxWidth(HINT_WIDTH);
        HBox line = new HBox(6);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getChildren().add(label);
        line.getChildren().add(control);
        HBox.setHgrow(control, Priority.ALWAYS);
        if (control instanceof Region r) {
            r.setMaxWidth(spinner == null ? Region.USE_PREF_SIZE : Double.MAX_VALUE);
        }
        keepWords(control);
        Label problem = Controls.problem(problemId, model.check().messageFor(field));
        problem.setPadding(new Insets(0, 0, 0, LABEL_WIDTH + 6));
        VBox block = new VBox(1, line);
        if (spinner != null) {
            Label unitLabel = Controls.label(unit, "unit");
            unitLabel.setMinWidth(UNIT_WIDTH);
            unitLabel.setPrefWidth(UNIT_WIDTH);
            hint.getStyleClass().add("editor-hint");
            line.getChildren().addAll(spinner, unitLabel, hint);
        } else if (!hint.getText().isEmpty() || hint.textProperty().isBound()) {
            // a compound control takes the width; its limits go on a line of their own under it
            hint.setMinWidth(0);
            hint.setMaxWidth(Double.MAX_VALUE);
            hint.setPrefWidth(Region.USE_COMPUTED_SIZE);
            hint.setPadding(new Insets(0, 0, 0, LABEL_WIDTH + 6));
            block.getChildren().add(hint);
        }
        block.getChildren().add(problem);
        rows.getChildren().add(block);
        return new Node[] {block};
    }

    /**
     * A compound control's fields and words in one line while there is room, wrapping onto the next where there is not
     * (touch-sized fields at 1280x800).
     */
    private static FlowPane flow(double gap, Node... nodes) {
        FlowPane flow = new FlowPane(gap, 4, nodes);
        flow.setAlignment(Pos.CENTER_LEFT);
        flow.setRowValignment(javafx.geometry.VPos.CENTER);
        flow.setPrefWrapLength(640);
        return flow;
    }

    /** The short words between a compound control's fields ("gap", "us ratio") are never cut to "..."; longer ones may be. */
    private static void keepWords(Node control) {
        if (control instanceof Pane box) {
            for (Node child : box.getChildren()) {
                if (child instanceof Label label && label.getText().length() <= 12) {
                    label.setMinWidth(Region.USE_PREF_SIZE);
                }
                keepWords(child);
            }
        }
    }

    /** {@code slider} with the rules ahead drawn on its track ({@link HeadroomTrack}). */
    private HeadroomTrack headroom(Slider slider, Field field, String unit) {
        return new HeadroomTrack(slider, model.headroom().marksProperty(field), unit,
                "Drag, or use the field beside: Up/Down one step, Page Up/Down a larger one.");
    }

    private static Slider slider(String id, double min, double max) {
        Slider slider = new Slider(min, max, min);
        slider.setId(id);
        slider.setMinWidth(80);
        return slider;
    }

    /** Slider and spinner both show the model's value; dragging the slider is one undoable edit. */
    private void bindDouble(Slider slider, Spinner<Double> spinner, ObjectProperty<Double> value, double step) {
        bind(slider, spinner, value, step, now -> {
            double stepped = Math.round(now / step) * step;
            if (Math.abs(stepped - value.get()) >= step / 2) {
                value.set(Double.parseDouble(Figures.format(stepped, 3)));
            }
        });
    }

    private void bindInt(Slider slider, Spinner<Integer> spinner, ObjectProperty<Integer> value, int step) {
        bind(slider, spinner, value, step, now -> {
            int stepped = (int) (Math.round(now / step) * step);
            if (stepped != value.get()) {
                value.set(stepped);
            }
        });
    }

    /**
     * The spinner edits {@code value}; the slider follows it (quietly) once it is half a step away, and hands
     * its own moves to {@code slid}; while it is dragged the model merges the edits into one.
     */
    private <T extends Number> void bind(Slider slider, Spinner<T> spinner, ObjectProperty<T> value, double step,
            DoubleConsumer slid) {
        spinner.getValueFactory().valueProperty().bindBidirectional(value);
        slider.setValue(value.get().doubleValue());
        value.addListener((obs, was, now) -> {
            if (now != null && Math.abs(slider.getValue() - now.doubleValue()) >= step / 2) {
                quiet = true;
                slider.setValue(now.doubleValue());
                quiet = false;
            }
        });
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!quiet) {
                slid.accept(now.doubleValue());
            }
        });
        slider.valueChangingProperty().addListener((obs, was, now) -> model.edits().adjustingProperty().set(now));
    }

    private void rateRange(PatternType type, Slider slider, Label hint, Label label, DeviceLimits l) {
        quiet = true;
        try {
            setRateRange(type, slider, hint, label, l);
            slider.setValue(fields.rateHzProperty().get());
        } finally {
            quiet = false;
        }
    }

    private static void setRateRange(PatternType type, Slider slider, Label hint, Label label, DeviceLimits l) {
        switch (type) {
            case TONIC -> {
                slider.setMin(l.minTonicRateHz());
                slider.setMax(l.maxTonicRateHz());
                hint.setText(l.minTonicRateHz() + " to " + l.maxTonicRateHz() + ", step 1");
                label.setText("Rate");
            }
            case HIGH_FREQUENCY -> {
                slider.setMin(l.minHighFrequencyRateHz());
                slider.setMax(l.maxHighFrequencyRateHz());
                hint.setText(l.minHighFrequencyRateHz() + " to " + l.maxHighFrequencyRateHz() + ", step 1");
                label.setText("Rate");
            }
            case BURST -> {
                slider.setMin(l.minBurstRateHz());
                slider.setMax(l.maxBurstRateHz());
                hint.setText(l.minBurstRateHz() + " to " + l.maxBurstRateHz() + " bursts a second");
                label.setText("Burst rate");
            }
        }
    }
}
