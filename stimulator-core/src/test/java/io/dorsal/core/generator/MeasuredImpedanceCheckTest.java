package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dorsal.core.generator.ImpedanceReport.ContactImpedance;
import io.dorsal.core.generator.ImpedanceReport.Status;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * With an {@link ImpedanceMeter} (the rig's sensing front end) the impedance check reports what was measured, not
 * the file's figures, and only measures while nothing is delivered; later changes are validated against the
 * measurement.
 */
class MeasuredImpedanceCheckTest {

    private static final ContactId L1_0 = ContactId.parse("L1.0");
    private static final ContactId L1_4 = ContactId.parse("L1.4");
    private static final ContactId L1_5 = ContactId.parse("L1.5");
    /** Every contact of L1 at 800 ohm in the file. */
    private static final Lead L1 = new Lead("L1", 8, 6.0, OptionalDouble.of(800.0), Map.of());

    /** A meter that answers from a table and counts its calls. */
    private static final class TableMeter implements ImpedanceMeter {
        final Map<ContactId, Double> ohm = new HashMap<>();
        final List<List<ContactId>> calls = new ArrayList<>();

        @Override
        public Map<ContactId, Double> measureOhm(List<ContactId> contacts) {
            calls.add(contacts);
            Map<ContactId, Double> out = new HashMap<>();
            contacts.forEach(c -> {
                if (ohm.containsKey(c)) {
                    out.put(c, ohm.get(c));
                }
            });
            return out;
        }
    }

    private final VirtualClock clock = new VirtualClock();
    private final SimulatedOutputStage stage = new SimulatedOutputStage();
    private final EventLog log = new EventLog();
    private final TableMeter meter = new TableMeter();
    private final PulseGenerator generator = new PulseGenerator(clock, stage, BatteryModel.DEFAULT, log, meter);

    private static Therapy on(String cathode) {
        return therapy(List.of(L1), program("p").contact(cathode, -100).contact("L1.5", 100).amplitudeMa(1.0).build());
    }

    private String lastLogged() {
        return log.entries().get(log.entries().size() - 1).message();
    }

    @Test
    void reportsTheMeasuredImpedancesAndFlagsThemNotTheFilesFigures() {
        generator.apply(on("L1.4"), CLINICIAN);
        meter.ohm.put(L1_0, 4000.5);
        meter.ohm.put(L1_4, 249.9);
        meter.ohm.put(L1_5, 1200.0);

        ImpedanceReport report = generator.checkImpedance(CLINICIAN);

        assertThat(meter.calls).singleElement().satisfies(asked -> assertThat(asked).hasSize(9)
                .startsWith(L1_0).endsWith(ContactId.CASE));
        assertThat(report.contacts()).extracting(ContactImpedance::contact, ContactImpedance::impedanceOhm,
                ContactImpedance::status, ContactImpedance::measured).contains(
                tuple(L1_0, 4000.5, Status.OPEN, true),
                tuple(L1_4, 249.9, Status.SHORT, true),
                tuple(L1_5, 1200.0, Status.OK, true),
                // not reached by the meter: the file's figure, marked so
                tuple(ContactId.parse("L1.1"), 800.0, Status.OK, false));
        assertThat(lastLogged()).contains("measured 3, the rest from the therapy file", "2 flagged");
    }

    @Test
    void aContactMeasuredShortCannotCarryCurrentAlthoughTheFileSaysItIsFine() {
        assertThat(generator.apply(on("L1.3"), CLINICIAN).applied()).isTrue();
        meter.ohm.put(L1_4, 249.9);
        assertThat(generator.checkImpedance(CLINICIAN).flagged()).extracting(ContactImpedance::contact)
                .containsExactly(L1_4);

        ApplyResult result = generator.apply(on("L1.4"), CLINICIAN);

        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule)
                .contains(SafetyRule.IMPEDANCE);
    }

    @Test
    void doesNotMeasureWhileStimulatingAndSaysSo() {
        generator.apply(on("L1.4"), CLINICIAN);
        generator.start(CLINICIAN);
        generator.poll(clock.nanoTime(), Integer.MAX_VALUE);
        meter.ohm.put(L1_4, 249.9);

        ImpedanceReport report = generator.checkImpedance(CLINICIAN);

        assertThat(meter.calls).isEmpty();
        assertThat(report.contacts()).allSatisfy(c -> assertThat(c.measured()).isFalse());
        assertThat(report.flagged()).isEmpty();
        assertThat(lastLogged()).contains("not measured while stimulation is on");
    }

    @Test
    void measuresOnceTheLastPeriodAfterAStopHasEnded() {
        generator.apply(on("L1.4"), CLINICIAN);
        generator.start(CLINICIAN);
        generator.poll(clock.nanoTime(), Integer.MAX_VALUE);
        generator.stop(CLINICIAN);

        // stopped, but the real-time thread has not yet seen its last period end: still delivering
        generator.checkImpedance(CLINICIAN);
        assertThat(meter.calls).isEmpty();

        for (long t = 0; t <= ms(100); t += ms(1)) {
            clock.setNs(t);
            generator.poll(t, Integer.MAX_VALUE);
        }
        meter.ohm.put(L1_4, 900.0);
        ImpedanceReport report = generator.checkImpedance(CLINICIAN);

        assertThat(meter.calls).hasSize(1);
        assertThat(lastLogged()).contains("measured 1, the rest from the therapy file");
        assertThat(report.contacts()).filteredOn(ContactImpedance::measured).extracting(ContactImpedance::contact,
                ContactImpedance::impedanceOhm).containsExactly(tuple(L1_4, 900.0));
    }

    @Test
    void aFailedMeasurementFallsBackToTheFileAndDrivesTheOutputsSafe() {
        PulseGenerator failing = new PulseGenerator(clock, stage, BatteryModel.DEFAULT, log, contacts -> {
            throw new IllegalStateException("ADC not answering");
        });
        failing.apply(on("L1.4"), CLINICIAN);
        int safeBefore = stage.safeCount();

        ImpedanceReport report = failing.checkImpedance(CLINICIAN);

        assertThat(report.contacts()).hasSize(9).allSatisfy(c -> assertThat(c.measured()).isFalse());
        assertThat(stage.safeCount()).isEqualTo(safeBefore + 1);
        assertThat(lastLogged()).contains("the measurement failed (ADC not answering): from the therapy file");
    }
}
