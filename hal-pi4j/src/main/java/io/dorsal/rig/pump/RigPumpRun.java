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
    private LabBalance balance;
    private double densityGPerMl;
    private double startGrams = Double.NaN;
    private double latestGrams = Double.NaN;
    private String balanceProblem;
    private long stepsAtStart;

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

    /**
     * Weighs what the pump delivers: the balance's first reading is the start (steps before it are left out of the
     * comparison), each tick reads what it sent since. A balance that cannot be read any more stops being read; the
     * run goes on (the balance measures, it does not guard).
     */
    public void weighWith(LabBalance scale, double solutionDensityGPerMl) {
        balance = scale;
        densityGPerMl = solutionDensityGPerMl;
        readBalance();
    }

    private void readBalance() {
        if (balance == null) {
            return;
        }
        try {
            java.util.OptionalDouble g = balance.grams();
            if (g.isPresent()) {
                latestGrams = g.getAsDouble();
                if (Double.isNaN(startGrams)) {
                    startGrams = latestGrams;
                    stepsAtStart = stepper.steps();
                }
            }
        } catch (java.io.IOException e) {
            balanceProblem = e.getMessage();
            balance = null;
        }
    }

    /** The balance's measurement against the steps since its first reading; empty without a balance or a reading. */
    public java.util.Optional<BalanceCheck> balanceCheck() {
        readBalance();
        if (Double.isNaN(startGrams)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new BalanceCheck((stepper.steps() - stepsAtStart) * pins.ulPerStep(),
                (latestGrams - startGrams) / densityGPerMl * 1_000.0));
    }

    /** Why the balance stopped being read, if it did. */
    public java.util.Optional<String> balanceProblem() {
        return java.util.Optional.ofNullable(balanceProblem);
    }

    /** Brings the firmware to the clock's time and steps what it delivered; returns the steps given. */
    public long tick() {
        readBalance();
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
