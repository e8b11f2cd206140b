package io.dorsal.programmer.model;

import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The program editor's fields: writable properties that mirror the selected program (name, enabled,
 * amplitude, pulse width, pattern and rate, burst, recharge, ramp, cycling, patient range). Writing one makes
 * an undoable edit of the draft, in words with its unit; the setters do the same for callers without a
 * control. Amplitudes go to the device's step. UI thread only.
 */
public final class ProgramFields {

    private final DraftEdits edits;
    private final DraftCheck check;
    private boolean syncing;

    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final ObjectProperty<Double> amplitudeMa = new SimpleObjectProperty<>(0.0);
    private final ObjectProperty<Integer> pulseWidthUs = new SimpleObjectProperty<>(ProgramStarts.NEW_PULSE_WIDTH_US);
    private final ObjectProperty<Integer> rateHz = new SimpleObjectProperty<>(ProgramStarts.NEW_RATE_HZ);
    private final ObjectProperty<PatternType> patternType = new SimpleObjectProperty<>(PatternType.TONIC);
    private final ObjectProperty<Integer> pulsesPerBurst = new SimpleObjectProperty<>(
            ProgramStarts.BURST_DR.pulsesPerBurst());
    private final ObjectProperty<Integer> intraBurstRateHz = new SimpleObjectProperty<>(
            ProgramStarts.BURST_DR.intraBurstRateHz());
    private final ObjectProperty<RechargeType> rechargeType = new SimpleObjectProperty<>(RechargeType.ACTIVE);
    private final ObjectProperty<Integer> interphaseGapUs = new SimpleObjectProperty<>(Recharge.DEFAULT_INTERPHASE_GAP_US);
    private final ObjectProperty<Integer> rechargeRatio = new SimpleObjectProperty<>(1);
    private final ObjectProperty<Integer> passiveWindowUs = new SimpleObjectProperty<>(0);
    private final ObjectProperty<Double> rampS = new SimpleObjectProperty<>(0.0);
    private final BooleanProperty cycling = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> cycleOnS = new SimpleObjectProperty<>(ProgramStarts.DEFAULT_CYCLE.onS());
    private final ObjectProperty<Integer> cycleOffS = new SimpleObjectProperty<>(ProgramStarts.DEFAULT_CYCLE.offS());
    private final BooleanProperty patientRangeOn = new SimpleBooleanProperty(false);
    private final ObjectProperty<Double> patientMinMa = new SimpleObjectProperty<>(0.0);
    private final ObjectProperty<Double> patientMaxMa = new SimpleObjectProperty<>(0.0);

    ProgramFields(DraftEdits edits, DraftCheck check) {
        this.edits = edits;
        this.check = check;
        wire();
    }

    // ------------------------------------------------------------------------------------------------
    // edits of the selected program

    public void setName(String newName) {
        String trimmed = newName.strip();
        Program p = edits.program();
        if (trimmed.equals(p.name())) {
            return;
        }
        edits.editProgram("name of " + p.name(), p.name(), trimmed, Programs.withName(p, trimmed));
    }

    public void setEnabled(boolean on) {
        int index = edits.selected();
        if (edits.programEnabled() == on) {
            return;
        }
        edits.edit("program " + edits.program().name(), on ? "disabled" : "enabled", on ? "enabled" : "disabled",
                d -> d.withEnabled(index, on));
    }

    public void setAmplitudeMa(double value) {
        Program p = edits.program();
        double stepped = toStep(value, edits.limits().amplitudeStepMa());
        if (stepped == p.amplitudeMa()) {
            return;
        }
        check.doseChangedBy(Field.AMPLITUDE);
        edits.editProgram("amplitude of " + p.name(), TherapyText.ma(p.amplitudeMa()), TherapyText.ma(stepped),
                p.withAmplitudeMa(stepped));
    }

    public void setPulseWidthUs(int value) {
        Program p = edits.program();
        if (value == p.pulseWidthUs()) {
            return;
        }
        check.doseChangedBy(Field.PULSE_WIDTH);
        edits.editProgram("pulse width of " + p.name(), p.pulseWidthUs() + " us", value + " us",
                Programs.withPulseWidth(p, value));
    }

    public void setRateHz(int value) {
        Program p = edits.program();
        if (value == Programs.rateHz(p.pattern())) {
            return;
        }
        String what = p.pattern() instanceof Pattern.Burst ? "burst rate of " : "rate of ";
        edits.editProgram(what + p.name(), Programs.rateHz(p.pattern()) + " Hz", value + " Hz",
                Programs.withPattern(p, Programs.withRate(p.pattern(), value)));
    }

    public void setBurst(int pulses, int intraRateHz) {
        Program p = edits.program();
        if (!(p.pattern() instanceof Pattern.Burst b)
                || (b.pulsesPerBurst() == pulses && b.intraBurstRateHz() == intraRateHz)) {
            return;
        }
        Pattern.Burst next = new Pattern.Burst(pulses, intraRateHz, b.burstRateHz());
        edits.editProgram("burst of " + p.name(), TherapyText.burst(b), TherapyText.burst(next),
                Programs.withPattern(p, next));
    }

    /** Switches the pattern, with the usual starting values of the new one ({@link ProgramStarts#switchedTo}). */
    public void setPatternType(PatternType type) {
        Program p = edits.program();
        if (type == PatternType.of(p.pattern())) {
            return;
        }
        Program next = ProgramStarts.switchedTo(p, type, edits.limits());
        check.doseChangedBy(Field.PULSE_WIDTH);
        edits.editProgram("pattern of " + p.name(), TherapyText.pattern(p), TherapyText.pattern(next), next);
    }

    public void setRecharge(Recharge recharge) {
        Program p = edits.program();
        if (recharge.equals(p.recharge())) {
            return;
        }
        edits.editProgram("recharge of " + p.name(), TherapyText.recharge(p.recharge()), TherapyText.recharge(recharge),
                Programs.withRecharge(p, recharge));
    }

    public void setRampS(double value) {
        Program p = edits.program();
        if (value == p.rampS()) {
            return;
        }
        edits.editProgram("ramp of " + p.name(), Figures.format(p.rampS()) + " s", Figures.format(value) + " s",
                Programs.withRamp(p, value));
    }

    public void setCycle(Optional<Cycle> cycle) {
        Program p = edits.program();
        if (cycle.equals(p.cycle())) {
            return;
        }
        edits.editProgram("cycling of " + p.name(), TherapyText.cycle(p.cycle()), TherapyText.cycle(cycle),
                Programs.withCycle(p, cycle));
    }

    public void setPatientRange(Optional<PatientRange> range) {
        Program p = edits.program();
        double step = edits.limits().amplitudeStepMa();
        Optional<PatientRange> stepped = range.map(r -> new PatientRange(toStep(r.minMa(), step), toStep(r.maxMa(), step)));
        if (stepped.equals(p.patientRange())) {
            return;
        }
        edits.editProgram("patient range of " + p.name(), TherapyText.range(p.patientRange()),
                TherapyText.range(stepped), Programs.withPatientRange(p, stepped));
    }

    // ------------------------------------------------------------------------------------------------
    // the fields and the selected program

    private void wire() {
        listen(enabled, this::setEnabled);
        listen(amplitudeMa, this::setAmplitudeMa);
        listen(pulseWidthUs, this::setPulseWidthUs);
        listen(rateHz, this::setRateHz);
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
        listen(rampS, this::setRampS);
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

    /** The name field is written on Enter or when it loses focus ({@link #setName}), not on every key. */
    private <T> void listen(ObservableValue<T> property, Consumer<T> onEdit) {
        property.addListener((obs, was, now) -> {
            if (!syncing && now != null && !Objects.equals(was, now)) {
                onEdit.accept(now);
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
        double a = edits.program().amplitudeMa();
        DeviceLimits l = edits.limits();
        double step = l.amplitudeStepMa();
        return new PatientRange(toStep(a / 2, step), toStep(Math.min(a * 1.5, l.maxAmplitudeMa()), step));
    }

    /** {@code value} to the nearest {@code step}, without binary fractions' tails (4.3, not 4.300000000000001). */
    private static double toStep(double value, double step) {
        return Math.round(value / step) * step == 0 ? 0.0
                : Double.parseDouble(Figures.format(Math.round(value / step) * step, 3));
    }

    /** Shows the selected program in the fields (without making edits). */
    void sync() {
        Program p = edits.program();
        syncing = true;
        try {
            name.set(p.name());
            enabled.set(edits.programEnabled());
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
}
