package io.dorsal.link.server;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.Amplitudes;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages.Command;
import java.util.List;
import java.util.Optional;

/**
 * Applies a command for a peer in a role, on the rig: a clinician may do anything the validator allows; a
 * patient may turn therapy on or off, stop everything, step amplitude inside the patient range and switch to a
 * program set the clinician allowed (the generator refuses any other). Every change
 * goes through the generator, which validates it whole and applies it atomically or not at all.
 */
final class CommandHandler {

    private final PulseGenerator generator;

    CommandHandler(PulseGenerator generator) {
        this.generator = generator;
    }

    /**
     * What a command did: the violations that refused it (empty when it was applied), and what a read returns.
     */
    record Outcome(List<Violation> violations, ImpedanceReport impedance, List<GeneratorEvent> events) {
        static Outcome of(List<Violation> violations) {
            return new Outcome(violations, null, null);
        }
    }

    Outcome run(Command command, String peer, Role role) {
        if (!allowed(command, role)) {
            return Outcome.of(List.of(new Violation("peer '" + peer + "'", "command", command.typeName(),
                    "a patient remote may only start, stop, stop all, step amplitude inside the patient range and"
                            + " choose an allowed program set"
                            + " (role " + role.name().toLowerCase(java.util.Locale.ROOT) + " may not "
                            + command.typeName() + ")", SafetyRule.ROLE)));
        }
        return switch (command) {
            case Command.Impedance i -> new Outcome(List.of(), generator.checkImpedance(peer), null);
            case Command.Events e -> new Outcome(List.of(), null, generator.log().entries());
            default -> Outcome.of(execute(command, peer, role));
        };
    }

    private List<Violation> execute(Command command, String peer, Role role) {
        return switch (command) {
            case Command.Status s -> List.of();
            case Command.Impedance i -> List.of();
            case Command.Events e -> List.of();
            case Command.SelectSet c -> problems(generator.selectSet(c.set(), peer));
            case Command.Apply a -> apply(a.programFile(), peer);
            case Command.Amplitude a -> role == Role.PATIENT
                    ? problems(generator.patientAdjust(a.program(), a.deltaMa(), peer))
                    : clinicianAmplitude(a.program(), a.deltaMa(), peer);
            case Command.Start s -> problems(generator.start(peer));
            case Command.Stop s -> {
                generator.stop(peer);
                yield List.of();
            }
            case Command.StopAll s -> {
                generator.stopAll(peer);
                yield List.of();
            }
            case Command.ClearFault c -> {
                generator.clearFault(peer);
                yield List.of();
            }
            case Command.Pump p -> throw new IllegalArgumentException("pump commands go to the pump: " + p.typeName());
        };
    }

    static boolean allowed(Command command, Role role) {
        return switch (role) {
            case CLINICIAN -> true;
            case PATIENT -> switch (command) {
                case Command.Status s -> true;
                case Command.Start s -> true;
                case Command.Stop s -> true;
                case Command.StopAll s -> true;
                case Command.Amplitude a -> true;
                case Command.SelectSet c -> true;
                case Command.Apply a -> false;
                case Command.ClearFault c -> false;
                case Command.Impedance i -> false;
                case Command.Events e -> false;
                case Command.Pump p -> PumpCommands.allowed(p, role);
            };
            case RIG -> false;
        };
    }

    private List<Violation> apply(String programFile, String peer) {
        TherapySets sets;
        try {
            sets = ProgramCodec.readSets(programFile);
        } catch (ProgramFileException e) {
            return List.of(new Violation("program file", e.path().isEmpty() ? "document" : e.path(), e.describe(),
                    "the program form (docs/program-format.md)", SafetyRule.NAMES));
        }
        return problems(sets.declared() ? generator.applySets(sets, peer) : generator.apply(sets.active(), peer));
    }

    private List<Violation> clinicianAmplitude(String programName, double deltaMa, String peer) {
        Optional<ValidatedTherapy> therapy = generator.therapy();
        Optional<Program> program = therapy.flatMap(t -> t.therapy().program(programName));
        if (program.isEmpty()) {
            return List.of(new Violation("program '" + programName + "'", "name", "no such program on the rig",
                    "one of the programs the rig holds", SafetyRule.GENERATOR_STATE));
        }
        double target = Amplitudes.milliamps(Amplitudes.microamps(program.get().amplitudeMa() + deltaMa));
        return problems(generator.apply(therapy.get().therapy().withProgram(program.get().withAmplitudeMa(target)), peer));
    }

    private static List<Violation> problems(ApplyResult result) {
        return switch (result) {
            case ApplyResult.Applied a -> List.of();
            case ApplyResult.Rejected r -> r.violations();
        };
    }
}
