package io.dorsal.programmer.model;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.Amplitudes;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The patient's remote: choose a program, turn therapy on or off, and step its amplitude up or down strictly
 * inside the clinician's patient range; switch to another program set the clinician allowed; the battery. Reads the
 * generator's therapy (not the clinician's draft). A step that would leave the range is never sent: its button is
 * disabled. UI thread only.
 */
public final class PatientModel {

    public static final String WHO = "patient";

    private final GeneratorModel generator;
    private final SessionLog log;
    private final Executor ui;
    private final ObservableList<String> programs = FXCollections.observableArrayList();
    private final StringProperty program = new SimpleStringProperty();
    private final ReadOnlyStringWrapper amplitude = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper range = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canDown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper battery = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> sets = FXCollections.observableArrayList();
    private final StringProperty set = new SimpleStringProperty();
    private final ReadOnlyStringWrapper activeSet = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasSets = new ReadOnlyBooleanWrapper(false);
    private boolean busy;

    public PatientModel(GeneratorModel generator, SessionLog log, Executor ui) {
        this.generator = generator;
        this.log = log;
        this.ui = ui;
        generator.therapyProperty().addListener((obs, was, now) -> {
            update();
            refreshSets();
        });
        generator.modeProperty().addListener((obs, was, now) -> update());
        generator.batteryPercentProperty().addListener((obs, was, now) -> update());
        program.addListener((obs, was, now) -> update());
        update();
        refreshSets();
    }

    /** Asks the generator which program sets it holds: the patient's choice lists those the clinician allowed. */
    private void refreshSets() {
        generator.link().programSets().whenCompleteAsync((held, failure) -> {
            if (failure != null || held.isEmpty()) {
                sets.clear();
                activeSet.set("");
                hasSets.set(false);
                return;
            }
            TherapySets all = held.get();
            List<String> allowed = all.sets().stream().filter(ProgramSet::patientSelectable).map(ProgramSet::name)
                    .toList();
            if (!allowed.equals(sets)) {
                sets.setAll(allowed);
            }
            activeSet.set("Program set: " + all.activeSet());
            hasSets.set(!allowed.isEmpty());
            if (set.get() == null || !allowed.contains(set.get())) {
                set.set(allowed.contains(all.activeSet()) ? all.activeSet() : allowed.isEmpty() ? null : allowed.get(0));
            }
        }, ui);
    }

    /** Switches to the chosen program set; the generator validates it and swaps it in at a pulse boundary. */
    public void switchSet() {
        String name = set.get();
        if (name == null || busy) {
            return;
        }
        String before = activeSet.get();
        busy = true;
        generator.link().selectSet(name, WHO).whenCompleteAsync((result, failure) -> {
            busy = false;
            if (failure != null) {
                message.set("Not sent: " + LinkProblems.describe(failure, generator.link().address()));
            } else {
                switch (result) {
                    case ApplyResult.Applied a -> message.set("");
                    case ApplyResult.Rejected r -> message.set("Not changed: " + r.violations().get(0).value() + "; "
                            + r.violations().get(0).limit());
                }
                if (result.applied()) {
                    log.add(WHO, "program set", "program set", before.replace("Program set: ", ""), name);
                }
            }
            generator.refresh();
            update();
            refreshSets();
        }, ui);
    }

    private void update() {
        Optional<Therapy> therapy = generator.therapyProperty().get();
        var names = therapy.map(t -> t.programs().stream().map(Program::name).toList()).orElse(java.util.List.of());
        if (!names.equals(programs)) {
            programs.setAll(names);
        }
        if (program.get() == null || !names.contains(program.get())) {
            program.set(names.isEmpty() ? null : names.get(0));
            return;
        }
        Optional<Program> p = therapy.flatMap(t -> t.program(program.get()));
        GeneratorMode mode = generator.mode();
        on.set(mode != GeneratorMode.OFF && mode != GeneratorMode.FAULT);
        battery.set("Battery " + generator.batteryText());
        if (p.isEmpty()) {
            amplitude.set("-");
            range.set("");
            canUp.set(false);
            canDown.set(false);
            return;
        }
        double a = p.get().amplitudeMa();
        amplitude.set(Figures.format(a, 1) + " mA");
        Optional<PatientRange> r = p.get().patientRange();
        range.set(r.map(x -> "You may set " + Figures.format(x.minMa(), 1) + " to " + Figures.format(x.maxMa(), 1) + " mA")
                .orElse("Your clinician has not set a range for this program"));
        canUp.set(!busy && on.get() && r.isPresent() && r.get().contains(target(a, +1)));
        canDown.set(!busy && on.get() && r.isPresent() && r.get().contains(target(a, -1)));
    }

    private double target(double amplitudeMa, int direction) {
        double step = stepMa();
        return Amplitudes.milliamps(Amplitudes.microamps(amplitudeMa + direction * step));
    }

    private double stepMa() {
        return generator.therapyProperty().get().map(t -> t.limits().amplitudeStepMa()).orElse(0.1);
    }

    public void up() {
        step(+1, canUp.get());
    }

    public void down() {
        step(-1, canDown.get());
    }

    private void step(int direction, boolean allowed) {
        String name = program.get();
        if (!allowed || name == null) {
            return;
        }
        busy = true;
        update();
        String before = amplitude.get();
        generator.link().patientAdjust(name, direction * stepMa(), WHO).whenCompleteAsync((result, failure) -> {
            busy = false;
            if (failure != null) {
                message.set("Not sent: " + LinkProblems.describe(failure, generator.link().address()));
                generator.refresh();
                update();
                return;
            }
            switch (result) {
                case ApplyResult.Applied a -> message.set("");
                case ApplyResult.Rejected r -> message.set("Not changed: " + r.violations().get(0).limit());
            }
            generator.refresh();
            update();
            if (result.applied()) {
                log.add(WHO, "amplitude", "amplitude of " + name, before, amplitude.get());
            }
        }, ui);
    }

    /** Turns therapy on or off. */
    public void toggle() {
        if (on.get()) {
            generator.link().stop(WHO).whenCompleteAsync((done, failure) -> {
                if (failure != null) {
                    message.set("Not sent: " + LinkProblems.describe(failure, generator.link().address()));
                    generator.refresh();
                    return;
                }
                log.add(WHO, "therapy off", "patient remote", "on", "off");
                generator.refresh();
            }, ui);
        } else {
            generator.link().start(WHO).whenCompleteAsync((result, failure) -> {
                if (failure != null) {
                    message.set("Not sent: " + LinkProblems.describe(failure, generator.link().address()));
                } else if (result.applied()) {
                    log.add(WHO, "therapy on", "patient remote", "off", "on");
                    message.set("");
                } else if (result instanceof ApplyResult.Rejected r) {
                    message.set("Cannot start: " + r.violations().get(0).limit());
                }
                generator.refresh();
            }, ui);
        }
    }

    public ObservableList<String> programs() {
        return programs;
    }

    public StringProperty programProperty() {
        return program;
    }

    public ReadOnlyStringProperty amplitudeProperty() {
        return amplitude.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUpProperty() {
        return canUp.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDownProperty() {
        return canDown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty onProperty() {
        return on.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batteryProperty() {
        return battery.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The program sets the patient may switch to (empty when the generator holds none). */
    public ObservableList<String> sets() {
        return sets;
    }

    public StringProperty setProperty() {
        return set;
    }

    /** {@code Program set: day}, or empty. */
    public ReadOnlyStringProperty activeSetProperty() {
        return activeSet.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasSetsProperty() {
        return hasSets.getReadOnlyProperty();
    }
}
