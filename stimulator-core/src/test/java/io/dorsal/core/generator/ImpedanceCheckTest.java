package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dorsal.core.generator.ImpedanceReport.ContactImpedance;
import io.dorsal.core.generator.ImpedanceReport.Status;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Therapy;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The impedance check flags open circuits (above 4000 ohm) and shorts (below 250 ohm). */
class ImpedanceCheckTest {

    /** L1: 8 contacts at 800 ohm, except L1.0 at 4000 (ok), L1.1 at 4000.5 (open), L1.2 at 250 (ok), L1.3 at 249.9 (short). */
    private static final Lead L1 = new Lead("L1", 8, 6.0, OptionalDouble.of(800.0),
            Map.of(0, 4000.0, 1, 4000.5, 2, 250.0, 3, 249.9));

    private static Therapy on(String cathode) {
        return therapy(List.of(L1), program("p").contact(cathode, -100).contact("L1.5", 100).amplitudeMa(1.0).build());
    }

    @Test
    void flagsOpenAboveAndShortBelowTheThresholdsAndPassesTheThresholdsThemselves() {
        GeneratorBench bench = new GeneratorBench();
        bench.generator.apply(on("L1.4"), CLINICIAN);

        ImpedanceReport report = bench.generator.checkImpedance(CLINICIAN);

        assertThat(report.contacts()).hasSize(9);
        assertThat(report.contacts()).extracting(ContactImpedance::contact, ContactImpedance::impedanceOhm,
                ContactImpedance::status).startsWith(
                tuple(ContactId.parse("L1.0"), 4000.0, Status.OK),
                tuple(ContactId.parse("L1.1"), 4000.5, Status.OPEN),
                tuple(ContactId.parse("L1.2"), 250.0, Status.OK),
                tuple(ContactId.parse("L1.3"), 249.9, Status.SHORT),
                tuple(ContactId.parse("L1.4"), 800.0, Status.OK));
        assertThat(report.contacts().get(8)).isEqualTo(new ContactImpedance(ContactId.CASE, 1000.0, Status.OK));
        assertThat(report.flagged()).extracting(ContactImpedance::contact)
                .containsExactly(ContactId.parse("L1.1"), ContactId.parse("L1.3"));
        GeneratorEvent logged = bench.log.entries().get(bench.log.entries().size() - 1);
        assertThat(logged.kind()).isEqualTo(GeneratorEvent.Kind.IMPEDANCE_CHECK);
        assertThat(logged.who()).isEqualTo(CLINICIAN);
        assertThat(logged.message()).contains("2 flagged", "L1.1 OPEN", "L1.3 SHORT");
    }

    @Test
    void aFlaggedContactCannotCarryCurrent() {
        GeneratorBench bench = new GeneratorBench();

        ApplyResult open = bench.generator.apply(on("L1.1"), CLINICIAN);
        ApplyResult shorted = bench.generator.apply(on("L1.3"), CLINICIAN);

        assertThat(List.of(open, shorted)).allSatisfy(result -> {
            assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
            assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule)
                    .contains(SafetyRule.IMPEDANCE);
        });
        assertThat(bench.generator.therapy()).isEmpty();
    }

    @Test
    void withoutTherapyThereIsNothingToCheck() {
        GeneratorBench bench = new GeneratorBench();

        assertThat(bench.generator.checkImpedance(CLINICIAN).contacts()).isEmpty();
    }
}
