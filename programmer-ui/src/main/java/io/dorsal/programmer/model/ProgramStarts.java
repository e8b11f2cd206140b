package io.dorsal.programmer.model;

import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.Map;
import java.util.Optional;

/**
 * Where the programmer starts a clinician from: a new program, a program switched to another pattern, a new
 * cycle. Each starting value is one a clinician would pick first (domain.md); the validator still judges it.
 */
public final class ProgramStarts {

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

    private ProgramStarts() {
    }

    /** A new program: no contacts, 0 mA, 300 us, tonic 50 Hz, symmetric active recharge, a 2 s ramp. */
    static Program newProgram(String name) {
        return new Program(name, Map.of(), 0.0, NEW_PULSE_WIDTH_US, new Pattern.Tonic(NEW_RATE_HZ),
                Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US), NEW_RAMP_S, Optional.empty(),
                Optional.empty());
    }

    /**
     * {@code p} switched to another pattern, with the usual starting values of the new one: high frequency at
     * 10 kHz and 30 us, burst as BurstDR (1,000 us, passive recharge), tonic at its old rate if that is a tonic
     * rate (a burst going back to tonic also gets the new program's pulse width and active recharge).
     */
    static Program switchedTo(Program p, PatternType type, DeviceLimits limits) {
        return switch (type) {
            case TONIC -> {
                int rate = Programs.rateHz(p.pattern());
                boolean fromBurst = p.pattern() instanceof Pattern.Burst;
                boolean tonicRate = rate >= limits.minTonicRateHz() && rate <= limits.maxTonicRateHz() && !fromBurst;
                Program q = Programs.withPattern(p, new Pattern.Tonic(tonicRate ? rate : DEFAULT_TONIC_RATE_HZ));
                yield fromBurst ? Programs.withRecharge(Programs.withPulseWidth(q, NEW_PULSE_WIDTH_US),
                        Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US)) : q;
            }
            case HIGH_FREQUENCY -> Programs.withRecharge(Programs.withPulseWidth(
                    Programs.withPattern(p, new Pattern.HighFrequency(HF_RATE_HZ)), HF_PULSE_WIDTH_US),
                    Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US));
            case BURST -> Programs.withRecharge(Programs.withPulseWidth(Programs.withPattern(p, BURST_DR),
                    BURST_DR_PULSE_WIDTH_US), Recharge.Passive.restOfPeriod());
        };
    }
}
