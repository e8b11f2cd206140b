package io.dorsal.rig.pump;

import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PumpValidation;

/**
 * The pump firmware driving the rig's stepper: after each poll the volume the firmware delivered since the last
 * is turned into STEP pulses at the calibration's volume per step (the remainder carried over, so no volume is
 * lost or doubled). A failed write leaves the driver safe and stops the firmware (the clinician's STOP), as a
 * motor stall would. Not thread safe.
 */
public final class RigPumpRun {

    private final PumpFirmware firmware;
    private final StepperPump stepper;
    private final PumpPins pins;
    private double lastDeliveredUl;
    private double owedUl;

    /** Fills the firmware with {@code prescription}; an unsafe one is refused and nothing moves. */
    public RigPumpRun(PumpFirmware firmware, StepperPump stepper, PumpPins pins, Prescription prescription) {
        this.firmware = firmware;
        this.stepper = stepper;
        this.pins = pins;
        if (!(firmware.fill(prescription) instanceof PumpValidation.Safe)) {
            stepper.driveSafe();
            throw new IllegalArgumentException("the prescription is not safe; validate it first");
        }
    }

    /** Brings the firmware to the clock's time and steps what it delivered; returns the steps given. */
    public long tick() {
        firmware.poll();
        double delivered = firmware.deliveredUl();
        owedUl += delivered - lastDeliveredUl;
        lastDeliveredUl = delivered;
        long steps = (long) Math.floor(owedUl / pins.ulPerStep() + 1e-9);
        if (steps <= 0) {
            return 0;
        }
        owedUl -= steps * pins.ulPerStep();
        if (!stepper.step(steps)) {
            firmware.suspend();
            return 0;
        }
        return steps;
    }

    /** Stops the run: the firmware suspended, the driver safe. */
    public void stop() {
        firmware.suspend();
        stepper.driveSafe();
    }

    /** Volume the steps given so far pumped, by the calibration, in microlitres. */
    public double pumpedUl() {
        return stepper.steps() * pins.ulPerStep();
    }

    public PumpFirmware firmware() {
        return firmware;
    }
}
