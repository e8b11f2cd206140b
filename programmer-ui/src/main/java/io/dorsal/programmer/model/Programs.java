package io.dorsal.programmer.model;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.Map;
import java.util.Optional;

/** Copies of a {@link Program} with one field changed: the programmer's edits, as pure functions. */
final class Programs {

    private Programs() {
    }

    static Program withName(Program p, String name) {
        return new Program(name, p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                p.rampS(), p.cycle(), p.patientRange());
    }

    static Program withElectrodes(Program p, Map<ContactId, Integer> electrodes) {
        return new Program(p.name(), electrodes, p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                p.rampS(), p.cycle(), p.patientRange());
    }

    static Program withPulseWidth(Program p, int pulseWidthUs) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), pulseWidthUs, p.pattern(), p.recharge(),
                p.rampS(), p.cycle(), p.patientRange());
    }

    static Program withPattern(Program p, Pattern pattern) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), pattern, p.recharge(),
                p.rampS(), p.cycle(), p.patientRange());
    }

    static Program withRecharge(Program p, Recharge recharge) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), recharge,
                p.rampS(), p.cycle(), p.patientRange());
    }

    static Program withRamp(Program p, double rampS) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                rampS, p.cycle(), p.patientRange());
    }

    static Program withCycle(Program p, Optional<Cycle> cycle) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                p.rampS(), cycle, p.patientRange());
    }

    static Program withPatientRange(Program p, Optional<PatientRange> range) {
        return new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                p.rampS(), p.cycle(), range);
    }

    /** The pattern's main rate: pulses a second (tonic, high frequency) or bursts a second. */
    static int rateHz(Pattern pattern) {
        return switch (pattern) {
            case Pattern.Tonic t -> t.rateHz();
            case Pattern.HighFrequency h -> h.rateHz();
            case Pattern.Burst b -> b.burstRateHz();
        };
    }

    static Pattern withRate(Pattern pattern, int rateHz) {
        return switch (pattern) {
            case Pattern.Tonic t -> new Pattern.Tonic(rateHz);
            case Pattern.HighFrequency h -> new Pattern.HighFrequency(rateHz);
            case Pattern.Burst b -> new Pattern.Burst(b.pulsesPerBurst(), b.intraBurstRateHz(), rateHz);
        };
    }
}
