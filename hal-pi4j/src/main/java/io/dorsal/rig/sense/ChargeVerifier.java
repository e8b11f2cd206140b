package io.dorsal.rig.sense;

import io.dorsal.core.schedule.PulseTable;
import io.dorsal.rig.output.RigPlan;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Sensing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code rig run --verify}: measures delivered stimulation pulses through the sensing ADC and compares the charge each
 * source really drove (its sense current times the phase's real length) with the programmed charge (the therapy's
 * current for those contacts times the programmed width). One pulse is sampled at most every
 * {@link #SAMPLE_EVERY_NS}: right after its ENABLE switch-on, one conversion is thrown away (24 us at 1 MHz: the
 * sense amplifier's settling), then each of the phase's sources is converted once; the phase's switch-off time was
 * fixed before, so sampling never lengthens a pulse, but it keeps the real-time thread busy for those conversions.
 * Phases shorter than {@link #SHORTEST_SAMPLED_NS} are not sampled, nor phases during a ramp (their amplitude is not
 * the programmed one). Real-time thread only; {@link #sample} and {@link #complete} allocate nothing.
 */
public final class ChargeVerifier {

    /** At most one sampled pulse in this time: 20 a second, so sampling costs the runner under 0.2 % of its time. */
    public static final long SAMPLE_EVERY_NS = 50_000_000L;
    /** Shortest phase sampled: the settling conversion and two sources' conversions (72 us) with room to spare. */
    public static final long SHORTEST_SAMPLED_NS = 150_000L;
    /** Allowed difference between measured and programmed charge: 5 % (the sense resistor's and the DAC's error) ... */
    public static final double TOLERANCE_FRACTION = 0.05;
    /** ... plus two codes of the ADC's current reading over the phase. */
    public static final int TOLERANCE_CODES = 2;

    private final Mcp3008 adc;
    private final Sensing sensing;
    private final PinMap map;
    private final int sources;
    private long nextSampleNs = Long.MIN_VALUE;
    private RigPlan plan;
    /** By phase x source: measured and programmed charge summed over the sampled pulses, in pC; samples. */
    private double[] measuredPc = new double[0];
    private double[] programmedPc = new double[0];
    private double[] tolerancePc = new double[0];
    private int[] samples = new int[0];
    /** The sampled phase's currents by source until its switch-off, in mA; -1 when no phase is being sampled. */
    private final double[] pendingMa;
    private int pendingPhase = -1;

    public ChargeVerifier(Mcp3008 adc, PinMap map) {
        this.adc = adc;
        this.map = map;
        this.sensing = map.sensing().orElseThrow(() -> new IllegalArgumentException(
                "the pin map has no sensing: --verify needs the ADC (docs/bench-rig.md)"));
        this.sources = map.sources().size();
        this.pendingMa = new double[sources];
    }

    /** A new plan to verify (the stage was armed): sums start over. May allocate. */
    public void arm(RigPlan newPlan) {
        plan = newPlan;
        int phases = newPlan.table().phaseTo(newPlan.table().programCount() - 1);
        measuredPc = new double[phases * sources];
        programmedPc = new double[phases * sources];
        tolerancePc = new double[phases * sources];
        samples = new int[phases * sources];
        pendingPhase = -1;
    }

    /**
     * Samples a stimulation phase just switched on at {@code onNs} if one is due and it can be: long enough, at full
     * amplitude ({@code fullAmplitude}). Reads the ADC.
     */
    public void sample(RigPlan current, int phase, long onNs, long lengthNs, boolean fullAmplitude) {
        if (current != plan || onNs < nextSampleNs || lengthNs < SHORTEST_SAMPLED_NS || !fullAmplitude) {
            return;
        }
        nextSampleNs = onNs + SAMPLE_EVERY_NS;
        adc.read(sensing.sourceChannel().get(current.source(phase, 0))); // settling: thrown away
        for (int i = 0; i < current.sourceCount(phase); i++) {
            int s = current.source(phase, i);
            pendingMa[s] = sensing.sourceMa(s, adc.read(sensing.sourceChannel().get(s)));
        }
        pendingPhase = phase;
    }

    /** The sampled phase switched off after {@code deliveredNs}: its measured and programmed charge are summed. */
    public void complete(RigPlan current, int phase, long deliveredNs) {
        if (phase != pendingPhase || current != plan) {
            return;
        }
        pendingPhase = -1;
        double programmedUs = current.durationNs(phase) / 1_000.0;
        double deliveredUs = deliveredNs / 1_000.0;
        for (int i = 0; i < current.sourceCount(phase); i++) {
            int s = current.source(phase, i);
            int at = phase * sources + s;
            double lsbMa = sensing.sourceMa(s, 1);
            measuredPc[at] += pendingMa[s] * 1_000.0 * deliveredUs;
            programmedPc[at] += Math.abs(current.sourceUa(phase, i)) * programmedUs;
            tolerancePc[at] += TOLERANCE_FRACTION * Math.abs(current.sourceUa(phase, i)) * programmedUs
                    + TOLERANCE_CODES * lsbMa * 1_000.0 * deliveredUs;
            samples[at]++;
        }
    }

    /** One source of one stimulation phase: the measured against the programmed charge a pulse, mean of the samples. */
    public record Result(String program, String source, List<String> contacts, int samples, double measuredUc,
                         double programmedUc, double toleranceUc) {

        public boolean within() {
            return Math.abs(measuredUc - programmedUc) <= toleranceUc;
        }

        public String describe() {
            double pc = programmedUc == 0 ? 0 : (measuredUc - programmedUc) / programmedUc * 100;
            return String.format(Locale.ROOT, "verify            program '%s' source %s (%s): %.3f uC a pulse measured"
                            + " against %.3f uC programmed (%+.1f %%, tolerance %.3f uC), %d sample(s): %s", program,
                    source, String.join(" ", contacts), measuredUc, programmedUc, pc, toleranceUc, samples,
                    within() ? "ok" : "OUTSIDE");
        }
    }

    /** What was measured, per program, stimulation phase and source; empty when no pulse could be sampled. */
    public List<Result> results() {
        List<Result> out = new ArrayList<>();
        if (plan == null) {
            return out;
        }
        PulseTable table = plan.table();
        for (int p = 0; p < table.programCount(); p++) {
            for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                for (int s = 0; s < sources; s++) {
                    int at = phase * sources + s;
                    if (samples[at] == 0) {
                        continue;
                    }
                    out.add(new Result(table.programName(p), map.sources().get(s).name(), contactsOn(phase, s),
                            samples[at], measuredPc[at] / samples[at] / 1e6, programmedPc[at] / samples[at] / 1e6,
                            tolerancePc[at] / samples[at] / 1e6));
                }
            }
        }
        return out;
    }

    /** The contacts a phase connects to a source, as {@code L1.2-} (cathode) or {@code L1.3+} (anode). */
    private List<String> contactsOn(int phase, int source) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plan.lineCount(phase); i++) {
            GpioLine line = map.lines().get(plan.line(phase, i));
            if (line.source() == source && line.contact().isPresent()) {
                out.add(line.contact().get() + (line.role() == LineRole.CATHODE ? "-" : "+"));
            }
        }
        return out;
    }
}
