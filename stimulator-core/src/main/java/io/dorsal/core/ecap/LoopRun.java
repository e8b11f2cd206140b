package io.dorsal.core.ecap;

import java.util.Arrays;

/**
 * One run of a program's pulses through a posture script, open loop (a fixed current) or closed loop (the controller
 * choosing each pulse's current from the last pulse's measured ECAP), on the model of the cord. Per pulse it keeps the
 * time, the distance, the current, the ECAP evoked and the ECAP measured (evoked plus seeded Gaussian recording
 * noise; NaN where the script loses the recording). Deterministic for a seed.
 */
public final class LoopRun {

    /** The recording's noise, rms, uV ({@link SimulatedCord#NOISE_UV}). */
    public static final double NOISE_UV = SimulatedCord.NOISE_UV;

    private final double[] timeS;
    private final double[] distanceMm;
    private final double[] currentMa;
    private final double[] evokedUv;
    private final double[] measuredUv;
    private final int lostPulses;

    private LoopRun(double[] timeS, double[] distanceMm, double[] currentMa, double[] evokedUv, double[] measuredUv,
                    int lostPulses) {
        this.timeS = timeS;
        this.distanceMm = distanceMm;
        this.currentMa = currentMa;
        this.evokedUv = evokedUv;
        this.measuredUv = measuredUv;
        this.lostPulses = lostPulses;
    }

    /**
     * Runs the script at {@code rateHz} pulses of {@code pulseWidthUs}, starting at {@code startMa}; {@code controller}
     * null for open loop (every pulse at {@code startMa}). Closed loop, {@code startMa} is also the amplitude the loop
     * falls back to when the recording is lost for long, as on the generator.
     */
    public static LoopRun run(SpinalCordResponse cord, PostureScript script, double rateHz, double pulseWidthUs,
                              double startMa, EcapController controller, long seed) {
        int pulses = (int) Math.floor(script.durationS() * rateHz);
        double[] t = new double[pulses];
        double[] d = new double[pulses];
        double[] i = new double[pulses];
        double[] evoked = new double[pulses];
        double[] measured = new double[pulses];
        SimulatedCord recording = new SimulatedCord(cord, script, pulseWidthUs, 0, seed);
        double current = startMa;
        int lost = 0;
        int lostInRow = 0;
        for (int k = 0; k < pulses; k++) {
            t[k] = k / rateHz;
            long startNs = Math.round(t[k] * 1e9);
            d[k] = script.distanceMm(t[k]);
            i[k] = current;
            evoked[k] = cord.ecapUv(current, pulseWidthUs, d[k]);
            measured[k] = recording.sampleUv(startNs, current);
            if (Double.isNaN(measured[k])) {
                lost++;
                lostInRow++;
            } else {
                lostInRow = 0;
            }
            if (controller != null) {
                current = controller.nextMa(current, measured[k], lostInRow, startMa);
            }
        }
        return new LoopRun(t, d, i, evoked, measured, lost);
    }

    public int pulses() {
        return timeS.length;
    }

    public double timeS(int pulse) {
        return timeS[pulse];
    }

    public double distanceMm(int pulse) {
        return distanceMm[pulse];
    }

    public double currentMa(int pulse) {
        return currentMa[pulse];
    }

    public double evokedUv(int pulse) {
        return evokedUv[pulse];
    }

    /** What the recording saw, uV; NaN where it was lost. */
    public double measuredUv(int pulse) {
        return measuredUv[pulse];
    }

    /** Pulses whose recording was lost (the loop held its current, then fell back after 10 in a row). */
    public int lostPulses() {
        return lostPulses;
    }

    /** The share of pulses whose evoked ECAP lay in [lowUv, highUv], 0 to 1. */
    public double fractionWithin(double lowUv, double highUv) {
        int in = 0;
        for (double e : evokedUv) {
            if (e >= lowUv && e <= highUv) {
                in++;
            }
        }
        return timeS.length == 0 ? 0 : in / (double) timeS.length;
    }

    /** The mean of |evoked - target|, uV. */
    public double meanDeviationUv(double targetUv) {
        return Arrays.stream(evokedUv).map(e -> Math.abs(e - targetUv)).average().orElse(0);
    }

    /** The 95th percentile of |evoked - target|, uV. */
    public double p95DeviationUv(double targetUv) {
        double[] dev = Arrays.stream(evokedUv).map(e -> Math.abs(e - targetUv)).sorted().toArray();
        return dev.length == 0 ? 0 : dev[(int) Math.min(dev.length - 1, Math.ceil(0.95 * dev.length) - 1)];
    }

    public double lowestMa() {
        return Arrays.stream(currentMa).min().orElse(0);
    }

    public double highestMa() {
        return Arrays.stream(currentMa).max().orElse(0);
    }
}
