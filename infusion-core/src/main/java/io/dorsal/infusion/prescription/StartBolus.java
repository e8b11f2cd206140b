package io.dorsal.infusion.prescription;

/**
 * A one-off bolus delivered when the prescription starts, in place of the mode, before it: priming first, then
 * bridge, then single, in the order the file lists them.
 */
public sealed interface StartBolus {

    /** How long it runs, in minutes. */
    int durationMin();

    /** After implant or catheter revision: the catheter's volume (length x volume per cm), so drug reaches the tip. */
    record Priming(int durationMin) implements StartBolus {
    }

    /**
     * After a refill with a new concentration: the old drug still in the pump's tubing and the catheter is pushed
     * out over {@code durationMin}, at the old concentration, so the dose does not jump.
     */
    record Bridge(int durationMin) implements StartBolus {
    }

    /** A clinician's single bolus: {@code doseUg} over {@code durationMin}, then back to the mode. */
    record Single(double doseUg, int durationMin) implements StartBolus {
    }
}
