package io.dorsal.link.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.link.wire.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorStateTest {

    @Test
    void theImpedanceAnswerKeepsWhetherEachFigureWasMeasured() {
        ImpedanceReport report = new ImpedanceReport(0, List.of(
                new ImpedanceReport.ContactImpedance(ContactId.parse("L1.3"), 5_200.0, ImpedanceReport.Status.OPEN, true),
                new ImpedanceReport.ContactImpedance(ContactId.parse("L1.4"), 1_000.0, ImpedanceReport.Status.OK,
                        false)));

        List<Messages.ContactImpedance> answer = GeneratorState.impedance(report);

        assertThat(answer).containsExactly(new Messages.ContactImpedance("L1.3", 5_200.0, "OPEN", true),
                new Messages.ContactImpedance("L1.4", 1_000.0, "OK", false));
    }
}
