package io.dorsal.link.server;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.link.wire.Messages;
import java.util.List;

/** The generator's actual state as the link reports it with every answer. */
final class GeneratorState {

    private GeneratorState() {
    }

    static List<Messages.Problem> details(List<Violation> violations) {
        return violations.stream().map(v -> new Messages.Problem(v.subject(), v.field(), v.value(), v.limit(),
                v.rule().label())).toList();
    }

    static List<Messages.ContactImpedance> impedance(ImpedanceReport report) {
        return report == null ? null : report.contacts().stream().map(c -> new Messages.ContactImpedance(
                c.contact().toString(), c.impedanceOhm(), c.status().name(), c.measured())).toList();
    }

    static List<Messages.Event> events(List<GeneratorEvent> events) {
        return events == null ? null : events.stream().map(e -> new Messages.Event(e.timeNs(), e.kind().name(), e.who(),
                e.message())).toList();
    }

    static Messages.State of(PulseGenerator generator) {
        GeneratorStatus status = generator.status();
        List<Messages.ProgramState> programs = status.therapy().map(t -> t.therapy().programs().stream()
                .map(p -> new Messages.ProgramState(p.name(), p.amplitudeMa(),
                        p.patientRange().map(PatientRange::minMa).orElse(null),
                        p.patientRange().map(PatientRange::maxMa).orElse(null)))
                .toList()).orElse(List.of());
        return new Messages.State(status.mode().name(), programs, status.batteryFraction() * 100.0,
                status.batteryDaysLeft(), status.batteryLow(), status.faultReason().orElse(null),
                status.therapy().map(t -> ProgramCodec.write(t.therapy())).orElse(null), status.deliveredUc(),
                generator.programSets().map(ProgramCodec::write).orElse(null));
    }
}
