package io.dorsal.core.ecap;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One run of a program's pulses through a posture script, open loop (a fixed current) or closed loop (the controller
 * choosing each pulse's current from the last pulse's measured ECAP), on the model of the cord. Per pulse it keeps the
 * time, the distance, the current, the ECAP evoked and the ECAP measured (evoked plus seeded Gaussian recording
 * noise; NaN where the script loses the recording). Deterministic for a seed.
 */
public final class LoopRun {

    /** The recording's noise, rms, uV: of the order of the 2.8 uV dose accuracy the ECAP study reports (ecap.md). */
    public static final double NOISE_UV = 2.0;

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
     * null for open loop (every pulse at {@code startMa}).
     */
    public static LoopRun run(SpinalCordResponse cord, PostureScript script, double rateHz, double pulseWidthUs,
                              double startMa, EcapController controller, long seed) {
        int pulses = (int) Math.floor(script.durationS() * rateHz);
        double[] t = new double[pulses];
        double[] d = new double[pulses];
        double[] i = new double[pulses];
        double[] evoked = new double[pulses];
        double[] measured = new double[pulses];
        SplittableRandom noise = new SplittableRandom(seed);
        double current = startMa;
        int lost = 0;
        for (int k = 0; k < pulses; k++) {
            t[k] = k / rateHz;
            d[k] = script.distanceMm(t[k]);
            i[k] = current;
            evoked[k] = cord.ecapUv(current, pulseWidthUs, d[k]);
            double gaussian = gaussian(noise);
            if (script.lostAt(t[k])) {
                measured[k] = Double.NaN;
                lost++;
            } else {
                measured[k] = evoked[k] + NOISE_UV * gaussian;
            }
            if (controller != null) {
                current = controller.nextMa(current, measured[k]);
            }
        }
        return new LoopRun(t, d, i, evoked, measured, lost);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller from two uniform draws in (0, 1]
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
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

    /** Pulses whose recording was lost (the loop held its current). */
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
