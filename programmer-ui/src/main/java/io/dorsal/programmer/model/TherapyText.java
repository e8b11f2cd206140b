package io.dorsal.programmer.model;

import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A therapy's parts in the words the programmer shows, logs and reports: {@code 4.5 mA},
 * {@code burst 5 pulses at 500 Hz, 40 bursts/s}, {@code L1.2 -50%, CASE +100%}.
 */
public final class TherapyText {

    private TherapyText() {
    }

    public static String ma(double value) {
        return Figures.format(value) + " mA";
    }

    /** Every program in one line: name, amplitude, pulse width and pattern. */
    public static String summary(Therapy therapy) {
        List<String> parts = new ArrayList<>();
        for (Program p : therapy.programs()) {
            parts.add(p.name() + " " + ma(p.amplitudeMa()) + ", " + p.pulseWidthUs() + " us, " + pattern(p));
        }
        return parts.isEmpty() ? "no programs" : String.join("; ", parts);
    }

    public static String pattern(Program p) {
        return switch (p.pattern()) {
            case Pattern.Tonic t -> "tonic " + t.rateHz() + " Hz";
            case Pattern.HighFrequency h -> "high frequency " + h.rateHz() + " Hz";
            case Pattern.Burst b -> "burst " + burst(b);
        };
    }

    public static String burst(Pattern.Burst b) {
        return b.pulsesPerBurst() + " pulses at " + b.intraBurstRateHz() + " Hz, " + b.burstRateHz() + " bursts/s";
    }

    public static String recharge(Recharge r) {
        return switch (r) {
            case Recharge.Active a -> "active, gap " + a.interphaseGapUs() + " us, ratio " + a.ratio();
            case Recharge.Passive p -> "passive, " + (p.windowUs().isPresent() ? p.windowUs().getAsInt() + " us window"
                    : "rest of period");
        };
    }

    public static String cycle(Optional<Cycle> c) {
        return c.map(x -> x.onS() + " s on / " + x.offS() + " s off").orElse("none");
    }

    public static String range(Optional<PatientRange> r) {
        return r.map(x -> ma(x.minMa()) + " to " + ma(x.maxMa())).orElse("none");
    }

    public static String electrodes(Map<ContactId, Integer> electrodes) {
        if (electrodes.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        new LinkedHashMap<>(electrodes).forEach((c, pc) -> parts.add(c + " " + (pc > 0 ? "+" : "") + pc + "%"));
        return String.join(", ", parts);
    }
}
