package io.dorsal.programmer.model;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The draft and the stimulator: whether the draft differs from what the generator runs, Apply (only for a safe
 * draft, never in FAULT; the generator validates again and takes it over at a pulse boundary), what Apply will
 * do to running programs, a draft that follows the generator when someone else (the patient remote) changes
 * it, and starting over on another stimulator. UI thread only; link answers come back through the UI executor.
 */
public final class Handover {

    private final DraftEdits edits;
    private final DraftCheck check;
    private final Notices notices;
    private final GeneratorModel generator;
    private final SessionLog log;
    private final String who;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper applyNote = new ReadOnlyStringWrapper("");
    private java.util.function.Consumer<Therapy> onApplied = therapy -> { };

    Handover(DraftEdits edits, DraftCheck check, Notices notices, GeneratorModel generator, SessionLog log, String who,
            Executor ui) {
        this.edits = edits;
        this.check = check;
        this.notices = notices;
        this.generator = generator;
        this.log = log;
        this.who = who;
        this.ui = ui;
        generator.therapyProperty().addListener((obs, before, now) -> follow(before, now));
        // Apply is refused in FAULT, and what Apply will do to a program depends on whether therapy runs
        generator.modeProperty().addListener((obs, before, now) -> edits.refresh());
        generator.runningProperty().addListener((obs, before, now) -> edits.refresh());
    }

    /**
     * Sends the draft's enabled programs to the generator, which validates them again and takes them over at
     * a pulse boundary. Does nothing while any rule is broken.
     */
    public void apply() {
        edits.finishDrag();
        if (!canApply.get()) {
            return;
        }
        Therapy therapy = edits.draft().therapy();
        String before = generator.therapyProperty().get().map(TherapyText::summary).orElse("none");
        String note = applyNote.get();
        generator.link().apply(therapy, who).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                String why = LinkProblems.describe(failure, generator.link().address());
                log.add(who, "apply failed", "therapy", before, why);
                notices.showError("Apply got no answer: " + why + ". The header shows what the stimulator runs once it"
                        + " answers.");
                generator.refresh();
                return;
            }
            switch (result) {
                case ApplyResult.Applied applied -> {
                    log.add(who, "apply", "therapy sent to the generator", before, TherapyText.summary(therapy));
                    onApplied.accept(therapy);
                    notices.say("Applied: " + applied.summary() + (note.isEmpty() ? "" : ". " + note));
                }
                case ApplyResult.Rejected rejected -> {
                    log.add(who, "refused by generator", "therapy", before, rejected.violations().get(0).message());
                    notices.showError("The generator refused the therapy: " + rejected.violations().get(0).message());
                }
            }
            generator.refresh();
        }, ui);
    }

    /** What else learns of each therapy the stimulator took (the patient's record). */
    public void onApplied(java.util.function.Consumer<Therapy> listener) {
        this.onApplied = listener;
    }

    /**
     * Starts over on another stimulator: the draft becomes the therapy it holds (or stays, if it holds none),
     * the undo history and the measured impedances (of the other stimulator) are dropped.
     */
    public void startOver(Optional<Therapy> held) {
        edits.startOver(held.map(Draft::of));
        check.forgetImpedances();
        notices.clearError();
        edits.refresh();
    }

    /** Someone else (the patient remote) changed the generator's therapy: a draft that matched it follows. */
    private void follow(Optional<Therapy> before, Optional<Therapy> now) {
        Draft d = edits.draft();
        if (now.isPresent() && before.isPresent() && d.therapy().equals(before.get())
                && d.slots().stream().allMatch(Slot::enabled) && !edits.dragging()) {
            edits.follow(Draft.of(now.get()), 0);
        } else {
            edits.refresh();
        }
    }

    /** Compares the draft with what the generator runs again. */
    void refresh() {
        Therapy draft = edits.draft().therapy();
        Optional<Therapy> held = generator.therapyProperty().get();
        dirty.set(held.isEmpty() || !held.get().equals(draft));
        canApply.set(check.safeProperty().get() && dirty.get() && generator.mode() != GeneratorMode.FAULT);
        applyNote.set(restartNote(draft, held));
    }

    private String restartNote(Therapy next, Optional<Therapy> held) {
        if (held.isEmpty() || !generator.runningProperty().get()) {
            return "";
        }
        List<String> notes = new ArrayList<>();
        for (Program p : next.programs()) {
            held.get().program(p.name()).ifPresent(before -> {
                if (!before.electrodes().equals(p.electrodes()) || before.pulseWidthUs() != p.pulseWidthUs()) {
                    double ramp = Math.max(p.rampS(), PulseGenerator.MIN_RESTART_RAMP_S);
                    notes.add(p.name() + " restarts from 0 mA and ramps back over " + Figures.format(ramp) + " s");
                }
            });
        }
        return notes.isEmpty() ? "" : String.join("; ", notes) + " (contacts or pulse width changed).";
    }

    /** Whether the draft differs from what the generator runs. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether Apply is possible: a safe draft, different from what runs, on a generator not in FAULT. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** What Apply will do to running programs (restart from zero and ramp), in words; empty if nothing. */
    public ReadOnlyStringProperty applyNoteProperty() {
        return applyNote.getReadOnlyProperty();
    }
}
