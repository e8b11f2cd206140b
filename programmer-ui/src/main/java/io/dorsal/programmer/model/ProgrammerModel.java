package io.dorsal.programmer.model;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The clinician's programming session: the draft therapy and the selected program, every edit as an
 * undoable {@link Edit}, the draft checked by core's {@link SafetyValidator} after every edit (broken rules
 * routed to the control they concern, in words), the live dose of each contact, Apply, and program files.
 * Nothing unsafe can be applied: {@link #canApplyProperty()} is false while any rule is broken.
 *
 * <p>The editor's fields are writable properties that mirror the selected program; writing one makes an edit.
 * While {@link #adjustingProperty()} is true (a slider being dragged) the edits of one field merge into one.
 * UI thread only; link answers come back through the UI executor.
 */
public final class ProgrammerModel {

    /** Most programs in a session (the device runs at most four together). */
    public static final int MAX_PROGRAMS = DeviceLimits.DEFAULTS.maxPrograms();
    /** A new program: no contacts yet, 0 mA, the common tonic starting point. */
    public static final int NEW_PULSE_WIDTH_US = 300;
    public static final int NEW_RATE_HZ = 50;
    public static final double NEW_RAMP_S = 2.0;
    /** Tonic rate a program falls back to when switched from another pattern with a rate out of tonic range. */
    public static final int DEFAULT_TONIC_RATE_HZ = 50;
    /** 10 kHz therapy: 30 us pulses (domain.md). */
    public static final int HF_RATE_HZ = 10_000;
    public static final int HF_PULSE_WIDTH_US = 30;
    /** BurstDR: 40 Hz bursts of 5 pulses at 500 Hz, 1,000 us, passive recharge after the burst (domain.md). */
    public static final Pattern.Burst BURST_DR = new Pattern.Burst(5, 500, 40);
    public static final int BURST_DR_PULSE_WIDTH_US = 1000;
    /** A new cycle: 30 s on, 90 s off (typical of burst trials). */
    public static final Cycle DEFAULT_CYCLE = new Cycle(30, 90);

    private final GeneratorModel generator;
    private final SessionLog log;
    private final Executor ui;
    private final String who;
    private final UndoStack undo = new UndoStack();

    private final ReadOnlyObjectWrapper<Draft> draft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper safe = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper applyNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fractionsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper fractionsOk = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> violations = FXCollections.observableArrayList();
    private final ObservableList<ContactDose> doses = FXCollections.observableArrayList();
    private final Map<Field, ReadOnlyStringWrapper> fieldMessages = new EnumMap<>(Field.class);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(0);

    private Map<ContactId, Double> measuredOhm = Map.of();
    private Set<ContactId> flagged = Set.of();
    private Field lastDoseField = Field.AMPLITUDE;
    private Edit open;
    private boolean syncing;

    // the editor's fields, mirroring the selected program
    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final ObjectProperty<Double> amplitudeMa = new SimpleObjectProperty<>(0.0);
    private final ObjectProperty<Integer> pulseWidthUs = new SimpleObjectProperty<>(NEW_PULSE_WIDTH_US);
    private final ObjectProperty<Integer> rateHz = new SimpleObjectProperty<>(NEW_RATE_HZ);
    private final ObjectProperty<PatternType> patternType = new SimpleObjectProperty<>(PatternType.TONIC);
    private final ObjectProperty<Integer> pulsesPerBurst = new SimpleObjectProperty<>(BURST_DR.pulsesPerBurst());
    private final ObjectProperty<Integer> intraBurstRateHz = new SimpleObjectProperty<>(BURST_DR.intraBurstRateHz());
    private final ObjectProperty<RechargeType> rechargeType = new SimpleObjectProperty<>(RechargeType.ACTIVE);
    private final ObjectProperty<Integer> interphaseGapUs = new SimpleObjectProperty<>(Recharge.DEFAULT_INTERPHASE_GAP_US);
    private final ObjectProperty<Integer> rechargeRatio = new SimpleObjectProperty<>(1);
    private final ObjectProperty<Integer> passiveWindowUs = new SimpleObjectProperty<>(0);
    private final ObjectProperty<Double> rampS = new SimpleObjectProperty<>(0.0);
    private final BooleanProperty cycling = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> cycleOnS = new SimpleObjectProperty<>(DEFAULT_CYCLE.onS());
    private final ObjectProperty<Integer> cycleOffS = new SimpleObjectProperty<>(DEFAULT_CYCLE.offS());
    private final BooleanProperty patientRangeOn = new SimpleBooleanProperty(false);
    private final ObjectProperty<Double> patientMinMa = new SimpleObjectProperty<>(0.0);
    private final ObjectProperty<Double> patientMaxMa = new SimpleObjectProperty<>(0.0);
    private final BooleanProperty adjusting = new SimpleBooleanProperty(false);

    public ProgrammerModel(GeneratorModel generator, SessionLog log, Executor ui, String who, Therapy initial) {
        this.generator = generator;
        this.log = log;
        this.ui = ui;
        this.who = who;
        for (Field f : Field.values()) {
            fieldMessages.put(f, new ReadOnlyStringWrapper(""));
        }
        wireFields();
        adjusting.addListener((obs, was, now) -> {
            if (!now) {
                closeOpen();
            }
        });
        generator.therapyProperty().addListener((obs, before, now) -> generatorTherapyChanged(before, now));
        // Apply is refused in FAULT, and what Apply will do to a program depends on whether therapy runs
        generator.modeProperty().addListener((obs, before, now) -> refreshDerived());
        generator.runningProperty().addListener((obs, before, now) -> refreshDerived());
        setDraft(Draft.of(initial));
    }

    // ------------------------------------------------------------------------------------------------
    // edits of the selected program

    public void setName(String newName) {
        String trimmed = newName.strip();
        Program p = program();
        if (trimmed.equals(p.name())) {
            return;
        }
        edit("name of " + p.name(), p.name(), trimmed, d -> d.withProgram(selected.get(), Programs.withName(p, trimmed)));
    }

    public void setAmplitudeMa(double value) {
        Program p = program();
        double stepped = step(value, limits().amplitudeStepMa());
        if (stepped == p.amplitudeMa()) {
            return;
        }
        lastDoseField = Field.AMPLITUDE;
        edit("amplitude of " + p.name(), ma(p.amplitudeMa()), ma(stepped),
                d -> d.withProgram(selected.get(), p.withAmplitudeMa(stepped)));
    }

    public void setPulseWidthUs(int value) {
        Program p = program();
        if (value == p.pulseWidthUs()) {
            return;
        }
        lastDoseField = Field.PULSE_WIDTH;
        edit("pulse width of " + p.name(), p.pulseWidthUs() + " us", value + " us",
                d -> d.withProgram(selected.get(), Programs.withPulseWidth(p, value)));
    }

    public void setRateHz(int value) {
        Program p = program();
        if (value == Programs.rateHz(p.pattern())) {
            return;
        }
        String what = p.pattern() instanceof Pattern.Burst ? "burst rate of " : "rate of ";
        edit(what + p.name(), Programs.rateHz(p.pattern()) + " Hz", value + " Hz",
                d -> d.withProgram(selected.get(), Programs.withPattern(p, Programs.withRate(p.pattern(), value))));
    }

    public void setBurst(int pulses, int intraRateHz) {
        Program p = program();
        if (!(p.pattern() instanceof Pattern.Burst b)
                || (b.pulsesPerBurst() == pulses && b.intraBurstRateHz() == intraRateHz)) {
            return;
        }
        Pattern.Burst next = new Pattern.Burst(pulses, intraRateHz, b.burstRateHz());
        edit("burst of " + p.name(), burstText(b), burstText(next),
                d -> d.withProgram(selected.get(), Programs.withPattern(p, next)));
    }

    /**
     * Switches the pattern, with the usual starting values of the new one: high frequency at 10 kHz and
     * 30 us, burst as BurstDR (1,000 us, passive recharge), tonic at its old rate if that is a tonic rate.
     */
    public void setPatternType(PatternType type) {
        Program p = program();
        if (type == PatternType.of(p.pattern())) {
            return;
        }
        DeviceLimits l = limits();
        Program next = switch (type) {
            case TONIC -> {
                int rate = Programs.rateHz(p.pattern());
                boolean tonicRate = rate >= l.minTonicRateHz() && rate <= l.maxTonicRateHz()
                        && !(p.pattern() instanceof Pattern.Burst);
                Program q = Programs.withPattern(p, new Pattern.Tonic(tonicRate ? rate : DEFAULT_TONIC_RATE_HZ));
                yield p.pattern() instanceof Pattern.Burst
                        ? Programs.withRecharge(Programs.withPulseWidth(q, NEW_PULSE_WIDTH_US),
                        Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US)) : q;
            }
            case HIGH_FREQUENCY -> Programs.withRecharge(Programs.withPulseWidth(
                    Programs.withPattern(p, new Pattern.HighFrequency(HF_RATE_HZ)), HF_PULSE_WIDTH_US),
                    Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US));
            case BURST -> Programs.withRecharge(Programs.withPulseWidth(Programs.withPattern(p, BURST_DR),
                    BURST_DR_PULSE_WIDTH_US), Recharge.Passive.restOfPeriod());
        };
        lastDoseField = Field.PULSE_WIDTH;
        edit("pattern of " + p.name(), patternText(p), patternText(next), d -> d.withProgram(selected.get(), next));
    }

    public void setRecharge(Recharge recharge) {
        Program p = program();
        if (recharge.equals(p.recharge())) {
            return;
        }
        edit("recharge of " + p.name(), rechargeText(p.recharge()), rechargeText(recharge),
                d -> d.withProgram(selected.get(), Programs.withRecharge(p, recharge)));
    }

    public void setRampS(double value) {
        Program p = program();
        if (value == p.rampS()) {
            return;
        }
        edit("ramp of " + p.name(), Figures.format(p.rampS()) + " s", Figures.format(value) + " s",
                d -> d.withProgram(selected.get(), Programs.withRamp(p, value)));
    }

    public void setCycle(Optional<Cycle> cycle) {
        Program p = program();
        if (cycle.equals(p.cycle())) {
            return;
        }
        edit("cycling of " + p.name(), cycleText(p.cycle()), cycleText(cycle),
                d -> d.withProgram(selected.get(), Programs.withCycle(p, cycle)));
    }

    public void setPatientRange(Optional<PatientRange> range) {
        Program p = program();
        Optional<PatientRange> stepped = range.map(r -> new PatientRange(step(r.minMa(), limits().amplitudeStepMa()),
                step(r.maxMa(), limits().amplitudeStepMa())));
        if (stepped.equals(p.patientRange())) {
            return;
        }
        edit("patient range of " + p.name(), rangeText(p.patientRange()), rangeText(stepped),
                d -> d.withProgram(selected.get(), Programs.withPatientRange(p, stepped)));
    }

    public void setEnabled(boolean on) {
        int index = selected.get();
        if (draft.get().slots().get(index).enabled() == on) {
            return;
        }
        edit("program " + program().name(), on ? "disabled" : "enabled", on ? "enabled" : "disabled",
                d -> d.withEnabled(index, on));
    }

    /** A click on a contact: off, cathode, anode, off. Flagged contacts cannot be chosen. */
    public void cycleContact(ContactId contact) {
        Program p = program();
        int now = p.electrodes().getOrDefault(contact, 0);
        if (now == 0 && flagged.contains(contact)) {
            message.set(contact + " is flagged by the impedance check and cannot carry current.");
            return;
        }
        setElectrodes(p, Fractions.cycle(p.electrodes(), contact), contact.toString());
    }

    /** Sets a contact's percentage by hand (keeping its polarity). */
    public void setPercent(ContactId contact, int magnitude) {
        Program p = program();
        int now = p.electrodes().getOrDefault(contact, 0);
        if (now == 0 || Math.abs(now) == magnitude) {
            return;
        }
        setElectrodes(p, Fractions.setPercent(p.electrodes(), contact, magnitude), contact.toString());
    }

    /** Steers the cathodic field on a lead by one 10% step towards higher (+1) or lower (-1) contacts. */
    public void steer(String lead, int direction) {
        Program p = program();
        int count = draft.get().leads().stream().filter(l -> l.name().equals(lead)).mapToInt(Lead::contactCount)
                .findFirst().orElse(0);
        Fractions.Change change = Fractions.steer(p.electrodes(), lead, count, direction, flagged);
        if (change.refusal().isPresent()) {
            message.set("Cannot steer: " + change.refusal().get() + ".");
            return;
        }
        setElectrodes(p, change.electrodes(), "steer " + lead + (direction > 0 ? " up" : " down"));
    }

    private void setElectrodes(Program p, Map<ContactId, Integer> electrodes, String cause) {
        if (electrodes.equals(p.electrodes())) {
            return;
        }
        lastDoseField = Field.AMPLITUDE;
        edit("contacts of " + p.name() + " (" + cause + ")", electrodesText(p.electrodes()),
                electrodesText(electrodes),
                d -> d.withProgram(selected.get(), Programs.withElectrodes(p, electrodes)));
    }

    // ------------------------------------------------------------------------------------------------
    // programs

    public void select(int index) {
        if (index < 0 || index >= draft.get().size() || index == selected.get()) {
            return;
        }
        closeOpen();
        selected.set(index);
        refreshDerived();
    }

    public boolean canAddProgram() {
        return draft.get().size() < MAX_PROGRAMS;
    }

    public void addProgram() {
        if (!canAddProgram()) {
            message.set("A generator runs at most " + MAX_PROGRAMS + " programs.");
            return;
        }
        Draft d = draft.get();
        String newName = uniqueName("Program " + (d.size() + 1));
        Program p = new Program(newName, Map.of(), 0.0, NEW_PULSE_WIDTH_US, new Pattern.Tonic(NEW_RATE_HZ),
                Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US), NEW_RAMP_S, Optional.empty(),
                Optional.empty());
        int index = d.size();
        edit("programs", "" + d.size(), (d.size() + 1) + " (added " + newName + ")", x -> x.withInserted(index, new Slot(p, true)));
        selected.set(index);
        refreshDerived();
    }

    public void duplicateProgram() {
        if (!canAddProgram()) {
            message.set("A generator runs at most " + MAX_PROGRAMS + " programs.");
            return;
        }
        Draft d = draft.get();
        Program p = program();
        String newName = uniqueName(p.name() + " copy");
        int index = selected.get() + 1;
        edit("programs", "" + d.size(), (d.size() + 1) + " (duplicated " + p.name() + " as " + newName + ")",
                x -> x.withInserted(index, new Slot(Programs.withName(p, newName), d.slots().get(index - 1).enabled())));
        selected.set(index);
        refreshDerived();
    }

    public boolean canDeleteProgram() {
        return draft.get().size() > 1;
    }

    public void deleteProgram() {
        if (!canDeleteProgram()) {
            message.set("A therapy keeps at least one program.");
            return;
        }
        Draft d = draft.get();
        int index = selected.get();
        edit("programs", "" + d.size(), (d.size() - 1) + " (deleted " + program().name() + ")", x -> x.without(index));
    }

    private String uniqueName(String base) {
        String candidate = base.length() > SafetyValidator.MAX_NAME_LENGTH
                ? base.substring(0, SafetyValidator.MAX_NAME_LENGTH) : base;
        int n = 2;
        while (draft.get().nameTaken(candidate, -1)) {
            String suffix = " " + n++;
            candidate = base.substring(0, Math.min(base.length(), SafetyValidator.MAX_NAME_LENGTH - suffix.length())) + suffix;
        }
        return candidate;
    }

    // ------------------------------------------------------------------------------------------------
    // undo, redo, apply

    public void undo() {
        closeOpen();
        undo.undo().ifPresent(e -> {
            e.undo(this::setDraft);
            log.add(who, "undo", e.key(), e.after(), e.before());
        });
    }

    public void redo() {
        closeOpen();
        undo.redo().ifPresent(e -> {
            e.execute(this::setDraft);
            log.add(who, "redo", e.key(), e.before(), e.after());
        });
    }

    /**
     * Sends the draft's enabled programs to the generator, which validates them again and takes them over at
     * a pulse boundary. Does nothing while any rule is broken.
     */
    public void apply() {
        closeOpen();
        if (!canApply.get()) {
            return;
        }
        Therapy therapy = draft.get().therapy();
        String before = generator.therapyProperty().get().map(ProgrammerModel::summary).orElse("none");
        String note = applyNote.get();
        generator.link().apply(therapy, who).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                String why = LinkProblems.describe(failure, generator.link().address());
                log.add(who, "apply failed", "therapy", before, why);
                error.set("Apply got no answer: " + why + ". The header shows what the stimulator runs once it"
                        + " answers.");
                generator.refresh();
                return;
            }
            switch (result) {
                case ApplyResult.Applied applied -> {
                    log.add(who, "apply", "therapy sent to the generator", before, summary(therapy));
                    message.set("Applied: " + applied.summary() + (note.isEmpty() ? "" : ". " + note));
                }
                case ApplyResult.Rejected rejected -> {
                    log.add(who, "refused by generator", "therapy", before, rejected.violations().get(0).message());
                    error.set("The generator refused the therapy: " + rejected.violations().get(0).message());
                }
            }
            generator.refresh();
        }, ui);
    }

    /**
     * Starts over on another stimulator: the draft becomes the therapy it holds (or stays, if it holds none),
     * the undo history and the measured impedances (of the other stimulator) are dropped.
     */
    public void startOver(Optional<Therapy> held) {
        closeOpen();
        undo.clear();
        measuredOhm = Map.of();
        flagged = Set.of();
        error.set("");
        selected.set(0);
        held.ifPresent(t -> draft.set(Draft.of(t)));
        refreshDerived();
    }

    // ------------------------------------------------------------------------------------------------
    // files

    /** Opens a program file as the new draft (undoable); a bad file changes nothing and says why in one line. */
    public boolean open(Path file) {
        closeOpen();
        Therapy therapy;
        try {
            therapy = ProgramCodec.read(file);
        } catch (ProgramFileException e) {
            error.set("Cannot open " + file.getFileName() + ": " + e.describe() + ". Nothing was changed.");
            log.add(who, "open refused", file.getFileName().toString(), "", e.describe());
            return false;
        }
        Draft next = Draft.of(therapy);
        if (!next.leads().equals(draft.get().leads())) {
            measuredOhm = Map.of();
            flagged = Set.of();
        }
        edit("file", summary(draft.get().therapy()), file.getFileName() + ": " + summary(therapy), d -> next);
        selected.set(0);
        refreshDerived();
        error.set("");
        message.set("Opened " + file.getFileName() + ": " + therapy.programs().size()
                + " program(s) in the draft. Check them, then Apply.");
        return true;
    }

    /** Saves the draft's enabled programs as a program file (disabled programs are not saved: a file runs all it holds). */
    public boolean save(Path file) {
        closeOpen();
        Therapy therapy = draft.get().therapy();
        try {
            ProgramCodec.write(therapy, file);
        } catch (IOException e) {
            error.set("Cannot save " + file.getFileName() + ": " + e.getMessage());
            return false;
        }
        long disabled = draft.get().slots().stream().filter(s -> !s.enabled()).count();
        log.add(who, "save", file.getFileName().toString(), "", summary(therapy));
        message.set("Saved " + therapy.programs().size() + " program(s) to " + file.getFileName()
                + (disabled > 0 ? " (" + disabled + " disabled program(s) not saved)" : "") + ".");
        return true;
    }

    /** Shows an error in the banner until dismissed. */
    public void showError(String text) {
        error.set(text);
    }

    public void clearError() {
        error.set("");
    }

    public void clearMessage() {
        message.set("");
    }

    // ------------------------------------------------------------------------------------------------
    // impedance

    /** Takes measured impedances into validation; flagged contacts can no longer be chosen. */
    public void useImpedances(Map<ContactId, Double> measured, Set<ContactId> flaggedContacts) {
        measuredOhm = Map.copyOf(measured);
        flagged = Set.copyOf(flaggedContacts);
        refreshDerived();
    }

    public Set<ContactId> flagged() {
        return flagged;
    }

    public Map<ContactId, Double> measuredOhm() {
        return measuredOhm;
    }

    // ------------------------------------------------------------------------------------------------
    // the machinery

    private void edit(String key, String before, String after, UnaryOperator<Draft> change) {
        Draft from = draft.get();
        Draft to = change.apply(from);
        if (to.equals(from)) {
            return;
        }
        Edit edit = new Edit(Edit.label(key, before, after), key, before, after, from, to);
        if (adjusting.get()) {
            if (open != null && open.key().equals(key) && undo.top().orElse(null) == open) {
                open = open.mergedWith(edit);
                undo.replaceTop(open);
            } else {
                closeOpen();
                open = edit;
                undo.push(edit);
            }
        } else {
            closeOpen();
            undo.push(edit);
            log.add(who, "edit", key, before, after);
        }
        edit.execute(this::setDraft);
    }

    /** Ends a slider drag: its merged edit goes to the log once. */
    private void closeOpen() {
        if (open != null) {
            Edit e = open;
            open = null;
            log.add(who, "edit", e.key(), e.before(), e.after());
        }
    }

    private void setDraft(Draft next) {
        draft.set(next);
        if (selected.get() >= next.size()) {
            selected.set(next.size() - 1);
        }
        refreshDerived();
    }

    private void generatorTherapyChanged(Optional<Therapy> before, Optional<Therapy> now) {
        // Someone else (the patient remote) changed the generator's therapy: a draft that matched it follows.
        if (now.isPresent() && before.isPresent() && draft.get().therapy().equals(before.get())
                && draft.get().slots().stream().allMatch(Slot::enabled) && open == null) {
            draft.set(Draft.of(now.get()));
            if (selected.get() >= draft.get().size()) {
                selected.set(0);
            }
        }
        refreshDerived();
    }

    private void refreshDerived() {
        Draft d = draft.get();
        SafetyValidator validator = new SafetyValidator(measuredOhm);
        Validation v = validator.validate(d.therapy());
        validation.set(v);
        List<Violation> sent = v instanceof Validation.Unsafe u ? u.violations() : List.of();
        List<String> lines = new ArrayList<>();
        for (Violation violation : sent) {
            lines.add(violation.message());
        }
        for (int i = 0; i < d.size(); i++) {
            if (!d.slots().get(i).enabled() && validator.validate(d.alone(i)) instanceof Validation.Unsafe u) {
                for (Violation violation : u.violations()) {
                    lines.add(violation.message() + " [disabled program: not sent]");
                }
            }
        }
        violations.setAll(lines);
        boolean isSafe = v instanceof Validation.Safe;
        safe.set(isSafe);
        Optional<Therapy> held = generator.therapyProperty().get();
        dirty.set(held.isEmpty() || !held.get().equals(d.therapy()));
        canApply.set(isSafe && dirty.get() && generator.mode() != GeneratorMode.FAULT);

        Program p = program();
        List<Violation> mine = selectedViolations(d, validator, sent);
        Map<Field, List<String>> byField = new EnumMap<>(Field.class);
        for (Violation violation : mine) {
            byField.computeIfAbsent(fieldOf(violation), f -> new ArrayList<>()).add(describe(violation));
        }
        fieldMessages.forEach((f, w) -> w.set(String.join("\n", byField.getOrDefault(f, List.of()))));
        doses.setAll(validator.doses(d.therapy().programs().isEmpty() ? d.alone(selected.get()) : withAll(d), p,
                p.amplitudeMa()));
        int cathodes = Fractions.sum(p.electrodes(), Fractions.Polarity.CATHODE);
        int anodes = Fractions.sum(p.electrodes(), Fractions.Polarity.ANODE);
        fractionsOk.set(cathodes == -100 && anodes == 100);
        fractionsText.set("cathodes " + cathodes + "%   anodes +" + anodes + "%"
                + (fractionsOk.get() ? "" : "   (each must total 100%)"));
        applyNote.set(restartNote(d.therapy(), held));
        syncFields(p, d.slots().get(selected.get()).enabled());
        revision.set(revision.get() + 1);
    }

    private static Therapy withAll(Draft d) {
        return new Therapy(d.leads(), d.slots().stream().map(Slot::program).toList(), d.limits());
    }

    private List<Violation> selectedViolations(Draft d, SafetyValidator validator, List<Violation> sent) {
        int index = selected.get();
        String subject = "program '" + d.program(index).name() + "'";
        List<Violation> source = d.slots().get(index).enabled() ? sent
                : validator.validate(d.alone(index)) instanceof Validation.Unsafe u ? u.violations() : List.of();
        return source.stream().filter(v -> v.subject().equals(subject)).toList();
    }

    private String restartNote(Therapy next, Optional<Therapy> held) {
        if (held.isEmpty() || !generator.runningProperty().get()) {
            return "";
        }
        List<String> notes = new ArrayList<>();
        for (Program p : next.programs()) {
            held.get().program(p.name()).ifPresent(before -> {
                if (!before.electrodes().equals(p.electrodes()) || before.pulseWidthUs() != p.pulseWidthUs()) {
                    double ramp = Math.max(p.rampS(), io.dorsal.core.generator.PulseGenerator.MIN_RESTART_RAMP_S);
                    notes.add(p.name() + " restarts from 0 mA and ramps back over " + Figures.format(ramp) + " s");
                }
            });
        }
        return notes.isEmpty() ? "" : String.join("; ", notes) + " (contacts or pulse width changed).";
    }

    /** The control a broken rule concerns. */
    Field fieldOf(Violation v) {
        String f = v.field();
        if (f.startsWith("contact ")) {
            if (f.contains(" at the patient maximum")) {
                return Field.PATIENT_RANGE;
            }
            return switch (v.rule()) {
                case CONTACT_CURRENT, CHARGE_DENSITY, SHANNON, COMPLIANCE -> lastDoseField;
                default -> Field.CONTACTS;
            };
        }
        if (f.equals("electrodes")) {
            return Field.CONTACTS;
        }
        if (f.equals("name")) {
            return Field.NAME;
        }
        if (f.equals("amplitudeMa")) {
            return v.rule() == SafetyRule.PATIENT_RANGE && lastDoseField != Field.AMPLITUDE
                    ? Field.PATIENT_RANGE : Field.AMPLITUDE;
        }
        if (f.equals("pulseWidthUs")) {
            return Field.PULSE_WIDTH;
        }
        if (f.equals("rateHz") || f.equals("pattern.burstRateHz") || f.equals("timing")) {
            return Field.RATE;
        }
        if (f.startsWith("pattern.")) {
            return Field.BURST;
        }
        if (f.startsWith("recharge.")) {
            return Field.RECHARGE;
        }
        if (f.equals("rampS")) {
            return Field.RAMP;
        }
        if (f.startsWith("cycle.")) {
            return Field.CYCLE;
        }
        if (f.equals("patientRange")) {
            return Field.PATIENT_RANGE;
        }
        return Field.NAME;
    }

    /** A broken rule in the words shown beside its control: value, limit and rule. */
    public static String describe(Violation v) {
        String where = v.field().startsWith("contact ") ? v.field().substring("contact ".length()) + ": " : "";
        return where + v.value() + "; limit " + v.limit() + " (" + v.rule().label() + ")";
    }

    private void wireFields() {
        listen(name, v -> { });
        listen(enabled, this::setEnabled);
        listen(amplitudeMa, v -> setAmplitudeMa(v));
        listen(pulseWidthUs, v -> setPulseWidthUs(v));
        listen(rateHz, v -> setRateHz(v));
        listen(patternType, this::setPatternType);
        listen(pulsesPerBurst, v -> setBurst(v, intraBurstRateHz.get()));
        listen(intraBurstRateHz, v -> setBurst(pulsesPerBurst.get(), v));
        listen(rechargeType, v -> setRecharge(v == RechargeType.ACTIVE
                ? new Recharge.Active(interphaseGapUs.get(), rechargeRatio.get())
                : passive(passiveWindowUs.get())));
        listen(interphaseGapUs, v -> setActive(v, rechargeRatio.get()));
        listen(rechargeRatio, v -> setActive(interphaseGapUs.get(), v));
        listen(passiveWindowUs, v -> {
            if (rechargeType.get() == RechargeType.PASSIVE) {
                setRecharge(passive(v));
            }
        });
        listen(rampS, v -> setRampS(v));
        listen(cycling, v -> setCycle(v ? Optional.of(new Cycle(cycleOnS.get(), cycleOffS.get())) : Optional.empty()));
        listen(cycleOnS, v -> {
            if (cycling.get()) {
                setCycle(Optional.of(new Cycle(v, cycleOffS.get())));
            }
        });
        listen(cycleOffS, v -> {
            if (cycling.get()) {
                setCycle(Optional.of(new Cycle(cycleOnS.get(), v)));
            }
        });
        listen(patientRangeOn, v -> setPatientRange(v ? Optional.of(defaultRange()) : Optional.empty()));
        listen(patientMinMa, v -> {
            if (patientRangeOn.get()) {
                setPatientRange(Optional.of(new PatientRange(v, patientMaxMa.get())));
            }
        });
        listen(patientMaxMa, v -> {
            if (patientRangeOn.get()) {
                setPatientRange(Optional.of(new PatientRange(patientMinMa.get(), v)));
            }
        });
    }

    private void setActive(int gapUs, int ratio) {
        if (rechargeType.get() == RechargeType.ACTIVE) {
            setRecharge(new Recharge.Active(gapUs, ratio));
        }
    }

    private static Recharge passive(int windowUs) {
        return windowUs <= 0 ? Recharge.Passive.restOfPeriod() : new Recharge.Passive(OptionalInt.of(windowUs));
    }

    /** A new patient range around today's amplitude: from half of it to one and a half times it. */
    private PatientRange defaultRange() {
        double a = program().amplitudeMa();
        double step = limits().amplitudeStepMa();
        return new PatientRange(step(a / 2, step), step(Math.min(a * 1.5, limits().maxAmplitudeMa()), step));
    }

    private <T> void listen(javafx.beans.value.ObservableValue<T> property, java.util.function.Consumer<T> onEdit) {
        ChangeListener<T> listener = (obs, was, now) -> {
            if (!syncing && now != null && !Objects.equals(was, now)) {
                onEdit.accept(now);
            }
        };
        property.addListener(listener);
    }

    private void syncFields(Program p, boolean on) {
        syncing = true;
        try {
            name.set(p.name());
            enabled.set(on);
            amplitudeMa.set(p.amplitudeMa());
            pulseWidthUs.set(p.pulseWidthUs());
            rateHz.set(Programs.rateHz(p.pattern()));
            patternType.set(PatternType.of(p.pattern()));
            if (p.pattern() instanceof Pattern.Burst b) {
                pulsesPerBurst.set(b.pulsesPerBurst());
                intraBurstRateHz.set(b.intraBurstRateHz());
            }
            rechargeType.set(RechargeType.of(p.recharge()));
            switch (p.recharge()) {
                case Recharge.Active a -> {
                    interphaseGapUs.set(a.interphaseGapUs());
                    rechargeRatio.set(a.ratio());
                }
                case Recharge.Passive ps -> passiveWindowUs.set(ps.windowUs().orElse(0));
            }
            rampS.set(p.rampS());
            cycling.set(p.cycle().isPresent());
            p.cycle().ifPresent(c -> {
                cycleOnS.set(c.onS());
                cycleOffS.set(c.offS());
            });
            patientRangeOn.set(p.patientRange().isPresent());
            p.patientRange().ifPresent(r -> {
                patientMinMa.set(r.minMa());
                patientMaxMa.set(r.maxMa());
            });
        } finally {
            syncing = false;
        }
    }

    private static double step(double value, double step) {
        return Math.round(value / step) * step == 0 ? 0.0
                : Double.parseDouble(Figures.format(Math.round(value / step) * step, 3));
    }

    // ------------------------------------------------------------------------------------------------
    // words

    static String ma(double value) {
        return Figures.format(value) + " mA";
    }

    static String summary(Therapy therapy) {
        List<String> parts = new ArrayList<>();
        for (Program p : therapy.programs()) {
            parts.add(p.name() + " " + ma(p.amplitudeMa()) + ", " + p.pulseWidthUs() + " us, " + patternText(p));
        }
        return parts.isEmpty() ? "no programs" : String.join("; ", parts);
    }

    static String patternText(Program p) {
        return switch (p.pattern()) {
            case Pattern.Tonic t -> "tonic " + t.rateHz() + " Hz";
            case Pattern.HighFrequency h -> "high frequency " + h.rateHz() + " Hz";
            case Pattern.Burst b -> "burst " + burstText(b);
        };
    }

    static String burstText(Pattern.Burst b) {
        return b.pulsesPerBurst() + " pulses at " + b.intraBurstRateHz() + " Hz, " + b.burstRateHz() + " bursts/s";
    }

    static String rechargeText(Recharge r) {
        return switch (r) {
            case Recharge.Active a -> "active, gap " + a.interphaseGapUs() + " us, ratio " + a.ratio();
            case Recharge.Passive p -> "passive, " + (p.windowUs().isPresent() ? p.windowUs().getAsInt() + " us window"
                    : "rest of period");
        };
    }

    static String cycleText(Optional<Cycle> c) {
        return c.map(x -> x.onS() + " s on / " + x.offS() + " s off").orElse("none");
    }

    static String rangeText(Optional<PatientRange> r) {
        return r.map(x -> ma(x.minMa()) + " to " + ma(x.maxMa())).orElse("none");
    }

    public static String electrodesText(Map<ContactId, Integer> electrodes) {
        if (electrodes.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        new LinkedHashMap<>(electrodes).forEach((c, pc) -> parts.add(c + " " + (pc > 0 ? "+" : "") + pc + "%"));
        return String.join(", ", parts);
    }

    // ------------------------------------------------------------------------------------------------
    // read side

    public Program program() {
        return draft.get().program(selected.get());
    }

    public DeviceLimits limits() {
        return draft.get().limits();
    }

    public Draft draft() {
        return draft.get();
    }

    public ReadOnlyObjectProperty<Draft> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty safeProperty() {
        return safe.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** What Apply will do to running programs (restart from zero and ramp), in words; empty if nothing. */
    public ReadOnlyStringProperty applyNoteProperty() {
        return applyNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A file error or a refusal, shown until dismissed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fractionsTextProperty() {
        return fractionsText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fractionsOkProperty() {
        return fractionsOk.getReadOnlyProperty();
    }

    /** Every broken rule of the draft, one line each. */
    public ObservableList<String> violations() {
        return violations;
    }

    /** The selected program's dose on each of its contacts, at its amplitude, from core. */
    public ObservableList<ContactDose> doses() {
        return doses;
    }

    /** What is broken about a control of the selected program, in words; empty when nothing is. */
    public ReadOnlyStringProperty messageFor(Field field) {
        return fieldMessages.get(field).getReadOnlyProperty();
    }

    /** Counts every change of the draft, selection or impedances, for views that redraw. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public UndoStack undoStack() {
        return undo;
    }

    public SessionLog log() {
        return log;
    }

    public GeneratorModel generator() {
        return generator;
    }

    public String who() {
        return who;
    }

    /** The percentage a contact carries in the selected program: negative cathode, positive anode, 0 off. */
    public int percentOf(ContactId contact) {
        return program().electrodes().getOrDefault(contact, 0);
    }

    public Map<ContactId, Double> measuredOhmCopy() {
        return new HashMap<>(measuredOhm);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ObjectProperty<Double> amplitudeMaProperty() {
        return amplitudeMa;
    }

    public ObjectProperty<Integer> pulseWidthUsProperty() {
        return pulseWidthUs;
    }

    public ObjectProperty<Integer> rateHzProperty() {
        return rateHz;
    }

    public ObjectProperty<PatternType> patternTypeProperty() {
        return patternType;
    }

    public ObjectProperty<Integer> pulsesPerBurstProperty() {
        return pulsesPerBurst;
    }

    public ObjectProperty<Integer> intraBurstRateHzProperty() {
        return intraBurstRateHz;
    }

    public ObjectProperty<RechargeType> rechargeTypeProperty() {
        return rechargeType;
    }

    public ObjectProperty<Integer> interphaseGapUsProperty() {
        return interphaseGapUs;
    }

    public ObjectProperty<Integer> rechargeRatioProperty() {
        return rechargeRatio;
    }

    public ObjectProperty<Integer> passiveWindowUsProperty() {
        return passiveWindowUs;
    }

    public ObjectProperty<Double> rampSProperty() {
        return rampS;
    }

    public BooleanProperty cyclingProperty() {
        return cycling;
    }

    public ObjectProperty<Integer> cycleOnSProperty() {
        return cycleOnS;
    }

    public ObjectProperty<Integer> cycleOffSProperty() {
        return cycleOffS;
    }

    public BooleanProperty patientRangeOnProperty() {
        return patientRangeOn;
    }

    public ObjectProperty<Double> patientMinMaProperty() {
        return patientMinMa;
    }

    public ObjectProperty<Double> patientMaxMaProperty() {
        return patientMaxMa;
    }

    /** True while a slider is being dragged: edits of one field merge into one undoable edit. */
    public BooleanProperty adjustingProperty() {
        return adjusting;
    }
}
