package io.dorsal.programmer.pump;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.BolusResult;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.InterrogationReport;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PumpValidation;
import java.util.Locale;
import java.util.Optional;

/** The embedded simulated pump: infusion-core's firmware on a virtual clock that the clinician advances. */
public final class EmbeddedPump implements PumpDevice {

    private final VirtualClock clock = new VirtualClock(0);
    private final PumpFirmware pump = new PumpFirmware(clock);

    /** A pump filled with {@code first}, which must be safe. */
    public EmbeddedPump(Prescription first) {
        if (pump.fill(first) instanceof PumpValidation.Unsafe unsafe) {
            throw new IllegalArgumentException("the first prescription is unsafe: " + unsafe.violations().get(0).message());
        }
    }

    @Override
    public String description() {
        Prescription p = pump.prescription();
        return p.drug().fileName() + " in a " + (p.pump() instanceof io.dorsal.infusion.pump.PumpKind.Programmable
                ? "programmable" : "constant-flow") + " pump (" + Math.round(p.pump().reservoirUl() / 1_000.0)
                + " mL reservoir); embedded simulated pump: its time passes at a click";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Prescription prescription() {
        return pump.prescription();
    }

    @Override
    public PumpStatus status() {
        pump.poll();
        return pump.status();
    }

    @Override
    public Optional<String> reprogram(Prescription prescription) {
        return refusal(pump.reprogram(prescription));
    }

    /** The workspace checked the draw-back already; the embedded pump fills. */
    @Override
    public Optional<String> refill(Prescription prescription, double drawnMl) {
        return refusal(pump.fill(prescription));
    }

    @Override
    public BolusAnswer bolus() {
        return switch (pump.requestBolus()) {
            case BolusResult.Given g -> new BolusAnswer(true, String.format(Locale.ROOT, "Bolus given: %s over %d min.",
                    pump.prescription().drug().format(g.drugUg()), (g.endsAtMs() - pump.nowMs()) / 60_000));
            case BolusResult.Refused no -> new BolusAnswer(false, "Bolus refused: " + no.reason() + "."
                    + (no.nextAllowedAtMs() == Long.MAX_VALUE ? "" : String.format(Locale.ROOT,
                    " Next allowed in %d min.", Math.max(1, (no.nextAllowedAtMs() - pump.nowMs() + 59_999) / 60_000))));
        };
    }

    @Override
    public void suspend() {
        pump.suspend();
    }

    @Override
    public void resume() {
        pump.resume();
    }

    @Override
    public String interrogationReport(Optional<RefillCheck> lastRefill) {
        return InterrogationReport.of(pump, lastRefill);
    }

    @Override
    public void advanceHours(double hours) {
        clock.advanceNs(Math.round(hours * 3_600_000_000_000.0));
    }

    @Override
    public void close() {
        // nothing held
    }

    private static Optional<String> refusal(PumpValidation v) {
        return v instanceof PumpValidation.Unsafe unsafe ? Optional.of(unsafe.violations().get(0).message())
                : Optional.empty();
    }
}
