package io.dorsal.core.ecap;

import java.util.SplittableRandom;

/**
 * The simulated patient as an {@link EcapSource}: the cord's response ({@link SpinalCordResponse}) to a pulse of the
 * program's width at the lead-to-cord distance the posture script gives at the pulse's time, plus the recording's
 * Gaussian noise ({@link #NOISE_UV} rms, drawn once a pulse from a seeded generator, whether or not the recording is
 * lost), NaN inside the script's lost windows. Deterministic for a seed; allocation-free per pulse. Not thread safe:
 * one loop reads it.
 */
public final class SimulatedCord implements EcapSource {

    /** The recording's noise, rms, uV: of the order of the 2.8 uV dose accuracy the ECAP study reports (ecap.md). */
    public static final double NOISE_UV = 2.0;

    private final SpinalCordResponse cord;
    private final PostureScript script;
    private final double pulseWidthUs;
    private final long originNs;
    private final SplittableRandom noise;

    /**
     * @param originNs when the script's time 0 is, on the generator's clock
     * @param seed     the noise's seed
     */
    public SimulatedCord(SpinalCordResponse cord, PostureScript script, double pulseWidthUs, long originNs, long seed) {
        this.cord = cord;
        this.script = script;
        this.pulseWidthUs = pulseWidthUs;
        this.originNs = originNs;
        this.noise = new SplittableRandom(seed);
    }

    @Override
    public double sampleUv(long pulseStartNs, double currentMa) {
        double tS = secondsOf(pulseStartNs);
        double evoked = cord.ecapUv(currentMa, pulseWidthUs, script.distanceMm(tS));
        double gaussian = gaussian(noise);
        return script.lostAt(tS) ? Double.NaN : evoked + NOISE_UV * gaussian;
    }

    /** The ECAP a pulse at that time and current evokes in the cord (no noise, never lost), uV. */
    public double evokedUv(long pulseStartNs, double currentMa) {
        return cord.ecapUv(currentMa, pulseWidthUs, script.distanceMm(secondsOf(pulseStartNs)));
    }

    /** The script's time of a pulse, s. */
    public double secondsOf(long pulseStartNs) {
        return (pulseStartNs - originNs) / 1e9;
    }

    public PostureScript script() {
        return script;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller from two uniform draws in (0, 1]
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
