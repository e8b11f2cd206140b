package io.dorsal.rig.sim;

/**
 * The bench's response circuit, simulated (docs/bench-rig.md, "The evoked response"): the stimulation current's
 * peak, above a threshold set by a trimmer, grows the output linearly with a slope up to the amplifier's saturation,
 * scaled by the "distance" potentiometer (1 at its reference setting; a smaller factor stands for the lead further
 * from the cord). Its output is in microvolts of ECAP; the front end turns it into the ADC input through the pin map's
 * {@code uvPerVolt}. The default figures match Dorsal's typical cord seated at 300 us (docs/ecap.md): threshold 2.5 mA,
 * 40 uV/mA. Not thread safe: the simulated front end's one thread.
 */
public final class SimulatedResponseCircuit {

    /** The threshold current the trimmer is set to, mA (docs/ecap.md: seated, 300 us). */
    public static final double DEFAULT_THRESHOLD_MA = 2.5;
    /** The growth slope above threshold, uV/mA (docs/ecap.md: seated). */
    public static final double DEFAULT_SLOPE_UV_PER_MA = 40;
    /** Where the output stops growing, uV. */
    public static final double DEFAULT_SATURATION_UV = 300;

    private final double thresholdMa;
    private final double slopeUvPerMa;
    private final double saturationUv;
    private double distanceFactor = 1.0;

    public SimulatedResponseCircuit(double thresholdMa, double slopeUvPerMa, double saturationUv) {
        this.thresholdMa = thresholdMa;
        this.slopeUvPerMa = slopeUvPerMa;
        this.saturationUv = saturationUv;
    }

    /** The circuit as docs/bench-rig.md builds it. */
    public static SimulatedResponseCircuit typical() {
        return new SimulatedResponseCircuit(DEFAULT_THRESHOLD_MA, DEFAULT_SLOPE_UV_PER_MA, DEFAULT_SATURATION_UV);
    }

    /** Turns the distance potentiometer: 1 at the reference, above 1 nearer the cord, below 1 further. */
    public SimulatedResponseCircuit distanceFactor(double factor) {
        this.distanceFactor = factor;
        return this;
    }

    /** The response to a pulse of {@code peakMa}, in uV of ECAP. */
    public double responseUv(double peakMa) {
        return Math.min(saturationUv, slopeUvPerMa * Math.max(0, peakMa - thresholdMa)) * distanceFactor;
    }
}
