package io.dorsal.link.server;

import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.firmware.BolusResult;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.safety.Violation;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command.Pump;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Applies a pump command for a peer in a role, on a rig that serves a drug pump: a patient may read the pump's
 * state and request a bolus (held to the prescription's dose, lockout and daily maximum by the firmware); only a
 * clinician may program, refill, suspend or resume it. Every prescription goes through the pump's validator; a
 * refused command changes nothing. The firmware is not thread safe: every command holds its lock (the pump is
 * off the stimulator's real-time path).
 */
final class PumpCommands {

    /** The most a refill may report drawn back: the largest reservoir (40 mL) with room for a misread. */
    static final double MAX_DRAWN_ML = 100.0;

    private final PumpFirmware pump;

    PumpCommands(PumpFirmware pump) {
        this.pump = pump;
    }

    /** What a pump command did: the problems that refused it (empty when applied), one line each, with details. */
    record Outcome(List<String> problems, List<Messages.Problem> details) {
        static Outcome applied() {
            return new Outcome(List.of(), null);
        }

        static Outcome refused(String subject, String field, String value, String limit, String rule) {
            Messages.Problem p = new Messages.Problem(subject, field, value, limit, rule);
            return new Outcome(List.of(subject + ", " + field + ": " + value + "; limit " + limit + " (rule: " + rule
                    + ")"), List.of(p));
        }

        static Outcome refused(List<Violation> violations) {
            return new Outcome(violations.stream().map(Violation::message).toList(), violations.stream()
                    .map(v -> new Messages.Problem(v.subject(), v.field(), v.value(), v.limit(), v.rule().label()))
                    .toList());
        }
    }

    /** Whether a role may send a pump command at all (the rig enforces it, not the client). */
    static boolean allowed(Pump command, Role role) {
        return switch (role) {
            case CLINICIAN -> true;
            case PATIENT -> command instanceof Pump.Status || command instanceof Pump.Bolus;
            case RIG -> false;
        };
    }

    Outcome run(Pump command, String peer, Role role) {
        if (!allowed(command, role)) {
            return Outcome.refused("peer '" + peer + "'", "command", command.typeName(),
                    "a patient remote may only read the pump and request a bolus (role "
                            + role.name().toLowerCase(Locale.ROOT) + " may not " + command.typeName() + ")", "role");
        }
        synchronized (pump) {
            pump.poll();
            return switch (command) {
                case Pump.Status s -> Outcome.applied();
                case Pump.Program p -> program(p.prescriptionFile());
                case Pump.Refill r -> refill(r.prescriptionFile(), r.drawnMl());
                case Pump.Bolus b -> bolus();
                case Pump.Suspend s -> {
                    pump.suspend();
                    yield Outcome.applied();
                }
                case Pump.Resume r -> {
                    pump.resume();
                    yield Outcome.applied();
                }
            };
        }
    }

    private Outcome program(String file) {
        Prescription p;
        try {
            p = PrescriptionCodec.read(file);
        } catch (PrescriptionFileException e) {
            return unreadable(e);
        }
        return validation(pump.reprogram(p));
    }

    private Outcome refill(String file, double drawnMl) {
        if (!(drawnMl >= 0) || drawnMl > MAX_DRAWN_ML) {
            return Outcome.refused("refill", "drawnMl", format(drawnMl) + " mL", "0 to " + format(MAX_DRAWN_ML) + " mL",
                    "refill");
        }
        Prescription next;
        try {
            next = PrescriptionCodec.read(file);
        } catch (PrescriptionFileException e) {
            return unreadable(e);
        }
        if (pump.prescription() != null) {
            RefillCheck check = new RefillCheck(pump.reservoirUl(), pump.deliveredUl(), drawnMl * 1_000.0,
                    pump.prescription().pump().accuracyFraction());
            if (check.finding() != Discrepancy.WITHIN) {
                return Outcome.refused("refill", "drawnMl", check.message(), "within +/-"
                        + format(check.toleranceUl() / 1_000.0) + " mL of the expected "
                        + format(check.expectedUl() / 1_000.0) + " mL; look before refilling", "refill discrepancy");
            }
        }
        return validation(pump.fill(next));
    }

    private Outcome bolus() {
        return switch (pump.requestBolus()) {
            case BolusResult.Given g -> Outcome.applied();
            case BolusResult.Refused r -> Outcome.refused("patient bolus", "request", r.reason(),
                    r.nextAllowedAtMs() == Long.MAX_VALUE ? "none while it lasts"
                            : "next allowed in " + minutes(r.nextAllowedAtMs() - pump.nowMs()) + " min",
                    "patient bolus");
        };
    }

    private static Outcome validation(PumpValidation v) {
        return switch (v) {
            case PumpValidation.Safe s -> Outcome.applied();
            case PumpValidation.Unsafe u -> Outcome.refused(u.violations());
        };
    }

    private static Outcome unreadable(PrescriptionFileException e) {
        return Outcome.refused("prescription file", e.path().isEmpty() ? "document" : e.path(), e.describe(),
                "the prescription form (docs/pump-format.md)", "names");
    }

    /** The pump's state for every answer. */
    Messages.PumpState state() {
        synchronized (pump) {
            pump.poll();
            PumpStatus s = pump.status();
            Prescription p = pump.prescription();
            List<String> alarms = s.alarms().stream()
                    .sorted(Comparator.comparing(PumpAlarm::priority).thenComparing(PumpAlarm::name))
                    .map(a -> a.priority().name() + " " + a.name() + ": " + a.meaning()).toList();
            return new Messages.PumpState(p == null ? null : p.drug().fileName(),
                    p == null ? null : p.drug().format(p.concentrationUgPerMl()) + "/mL",
                    s.reservoirUl() / 1_000.0, s.deliveredUl() / 1_000.0, s.rateUlPerDay() / 1_000.0,
                    s.batteryFraction() * 100.0, alarms, s.delivering(), s.suspended(),
                    p == null ? null : PrescriptionCodec.write(p));
        }
    }

    private static long minutes(long ms) {
        return Math.max(1, (ms + 59_999) / 60_000);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
