package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.PATIENT;
import static io.dorsal.core.generator.GeneratorBench.leftLeg;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.dorsal.core.generator.GeneratorEvent.Kind;
import org.junit.jupiter.api.Test;

/** The event log: every change and fault, when, by whom. */
class GeneratorEventLogTest {

    @Test
    void recordsEveryChangeAndFaultWithItsTimeAndWho() {
        GeneratorBench bench = new GeneratorBench();
        PulseGenerator generator = bench.generator;

        bench.clock.setNs(ms(1));
        generator.apply(onLeads(leftLeg().patientRange(2.0, 3.0)), CLINICIAN);
        bench.clock.setNs(ms(2));
        generator.start(CLINICIAN);
        bench.clock.setNs(ms(3));
        generator.apply(onLeads(leftLeg().amplitudeMa(30.0)), CLINICIAN);
        bench.clock.setNs(ms(4));
        generator.patientAdjust("left-leg", 0.1, PATIENT);
        bench.clock.setNs(ms(5));
        generator.patientAdjust("left-leg", 5.0, PATIENT);
        bench.clock.setNs(ms(6));
        generator.checkImpedance(CLINICIAN);
        bench.clock.setNs(ms(7));
        generator.stop(CLINICIAN);
        bench.clock.setNs(ms(8));
        generator.start(CLINICIAN);
        bench.clock.setNs(ms(9));
        generator.stopAll(CLINICIAN);
        bench.clock.setNs(ms(10));
        generator.fault("watchdog");
        bench.clock.setNs(ms(11));
        generator.clearFault(CLINICIAN);

        assertThat(bench.log.entries()).extracting(GeneratorEvent::timeNs, GeneratorEvent::kind, GeneratorEvent::who)
                .containsExactly(
                        tuple(ms(1), Kind.THERAPY_APPLIED, CLINICIAN),
                        tuple(ms(2), Kind.STARTED, CLINICIAN),
                        tuple(ms(3), Kind.THERAPY_REJECTED, CLINICIAN),
                        tuple(ms(4), Kind.THERAPY_APPLIED, PATIENT),
                        tuple(ms(4), Kind.AMPLITUDE_CHANGED, PATIENT),
                        tuple(ms(5), Kind.THERAPY_REJECTED, PATIENT),
                        tuple(ms(6), Kind.IMPEDANCE_CHECK, CLINICIAN),
                        tuple(ms(7), Kind.STOPPED, CLINICIAN),
                        tuple(ms(8), Kind.STARTED, CLINICIAN),
                        tuple(ms(9), Kind.STOP_ALL, CLINICIAN),
                        tuple(ms(10), Kind.FAULT, "generator"),
                        tuple(ms(11), Kind.FAULT_CLEARED, CLINICIAN));
        assertThat(bench.log.entries().get(2).message()).contains("amplitude");
        assertThat(bench.log.entries().get(10).message()).contains("watchdog");
        assertThat(bench.log.entries().get(11).message()).contains("watchdog");
    }

    @Test
    void requestsThatChangeNothingLogNothing() {
        GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
        int entries = bench.log.entries().size();

        bench.generator.start(CLINICIAN);
        bench.generator.clearFault(CLINICIAN);
        bench.generator.stop(CLINICIAN);
        bench.generator.stop(CLINICIAN);

        assertThat(bench.log.entries()).hasSize(entries + 1);
        assertThat(bench.log.entries().get(entries).kind()).isEqualTo(Kind.STOPPED);
    }

    @Test
    void aFullLogDropsItsOldestEntriesAndCountsThem() {
        EventLog log = new EventLog(2);

        log.add(new GeneratorEvent(1, Kind.STARTED, CLINICIAN, "a"));
        log.add(new GeneratorEvent(2, Kind.STOPPED, CLINICIAN, "b"));
        log.add(new GeneratorEvent(3, Kind.STARTED, CLINICIAN, "c"));

        assertThat(log.entries()).extracting(GeneratorEvent::message).containsExactly("b", "c");
        assertThat(log.dropped()).isEqualTo(1);
        assertThatThrownBy(() -> new EventLog(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
