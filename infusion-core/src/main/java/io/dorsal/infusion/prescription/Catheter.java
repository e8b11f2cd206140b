package io.dorsal.infusion.prescription;

/** The intrathecal catheter: its length and the volume each centimetre holds. */
public record Catheter(double lengthCm, double volumeUlPerCm) {

    /** The pump's own internal volume from reservoir to catheter port (Dorsal's model figure, docs/pump-format.md). */
    public static final double PUMP_TUBING_UL = 250.0;

    /** What the catheter holds, in microlitres. */
    public double volumeUl() {
        return lengthCm * volumeUlPerCm;
    }

    /** What the bridge bolus pushes out: the pump's tubing and the catheter, in microlitres. */
    public double deadVolumeUl() {
        return PUMP_TUBING_UL + volumeUl();
    }
}
