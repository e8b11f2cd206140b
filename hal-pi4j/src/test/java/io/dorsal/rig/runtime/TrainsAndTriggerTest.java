package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.audit.AuditReport;
import io.dorsal.rig.audit.TraceAudit;
import io.dorsal.rig.audit.TraceCsv;
import io.dorsal.rig.audit.TraceRow;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What bench engineers expect of a stimulator (Pulse Pal 2, Stimjim), on the mock rig with a virtual clock: N-pulse
 * trains ({@code rig run --pulses N}), the sync output marking every delivered pulse, and the trigger input starting
 * each train. Every run must still pass the auditor: balanced, nothing merged, discharged after each train.
 */
class TrainsAndTriggerTest {

    private static final long MS = 1_000_000L;
    private static final PinMap PINS = RigFixtures.examplePins();

    private final VirtualClock clock = new VirtualClock(0);
    private final Context pi4j = RigFixtures.platform(PINS);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private record Run(RunReport report, List<TraceRow> rows, AuditReport audit, RealtimeRunner runner) {
        long count(String line, int value) {
            return rows.stream().filter(r -> r.line().equals(line) && r.value() == value).count();
        }

        long firstUs(String line, int value) {
            return rows.stream().filter(r -> r.line().equals(line) && r.value() == value).mapToLong(TraceRow::tUs)
                    .findFirst().orElse(-1);
        }
    }

    /**
     * Runs {@code therapy} for {@code durationNs} in trains of {@code pulses}; with {@code edgesAtNs}, each train waits
     * for the trigger and the mock input goes high (then low) at each of those times.
     */
    private Run run(String example, long durationNs, long pulses, long... edgesAtNs) throws IOException {
        ValidatedTherapy therapy = RigFixtures.example(example);
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        LineTrace trace = new LineTrace(stage.traceLineNames(), 0, 100_000);
        stage.startTrace(trace, 0);
        PulseGenerator generator = new PulseGenerator(clock, stage);
        assertThat(generator.apply(therapy.therapy(), "test").applied()).isTrue();
        GpioTrigger trigger = edgesAtNs.length == 0 ? null : new GpioTrigger(pi4j, PINS.trigger().orElseThrow());
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        int[] next = {0};
        IdleStrategy edges = (now, deadline) -> {
            virtual.idle(now, deadline);
            while (trigger != null && next[0] < edgesAtNs.length && clock.nanoTime() >= edgesAtNs[next[0]]) {
                MockDigitalInput input = (MockDigitalInput) trigger.input();
                input.mockState(DigitalState.HIGH);
                input.mockState(DigitalState.LOW);
                next[0]++;
            }
        };
        RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, edges, RunnerSettings.DEFAULTS);
        runner.trains(pulses, trigger);
        if (trigger == null) {
            generator.start("test");
        }
        runner.endAt(durationNs);
        runner.run();
        StringWriter csv = new StringWriter();
        trace.writeCsv(csv);
        List<TraceRow> rows = TraceCsv.parse(csv.toString().lines().toList());
        AuditReport audit = new TraceAudit(PINS, therapy, TraceAudit.DEFAULT_BOUND_US).audit(rows);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        return new Run(runner.report(), rows, audit, runner);
    }

    @Test
    void fivePulsesEachWithItsRechargeThenTheRunEndsDischarged() throws IOException {
        Run run = run("rig-tonic.json", 2_000 * MS, 5);

        assertThat(run.report().stopReason()).isEqualTo("5 pulses delivered");
        assertThat(run.report().pulses()).isEqualTo(5);
        // five stimulation phases and their five recharges, each marked once on the sync output
        assertThat(run.count("ENABLE", 1)).isEqualTo(10);
        assertThat(run.count("SYNC", 1)).isEqualTo(5);
        assertThat(run.audit().findings()).isEmpty();
        assertThat(run.audit().unbalancedPeriods()).isZero();
        assertThat(run.count("DISCHARGE", 1)).as("the discharge after the train").isEqualTo(1);
        // 5 pulses at 50 Hz end after the fifth period, long before the 2 s
        assertThat(run.firstUs("DISCHARGE", 1)).isLessThan(100_000);
    }

    @Test
    void sevenBurstPulsesStopInsideTheSecondBurstWhichStillGetsItsPassiveWindow() throws IOException {
        Run run = run("rig-burst.json", 1_000 * MS, 7);

        assertThat(run.report().pulses()).isEqualTo(7);
        assertThat(run.report().skippedPulses()).as("left out, not skipped late").isZero();
        assertThat(run.count("SYNC", 1)).isEqualTo(7);
        assertThat(run.audit().findings()).isEmpty();
        assertThat(run.audit().mergedPulses()).isZero();
    }

    @Test
    void eachTriggerEdgeStartsATrainAndAnEdgeDuringATrainIsIgnored() throws IOException {
        Run run = run("rig-tonic.json", 1_000 * MS, 3, 100 * MS, 120 * MS, 500 * MS);

        long[] trig = run.rows().stream().filter(r -> r.line().equals("TRIG")).mapToLong(TraceRow::tUs).toArray();
        assertThat(trig).hasSize(2);
        assertThat(trig[0]).isBetween(100_000L, 101_000L);
        assertThat(trig[1]).isBetween(500_000L, 501_000L);
        assertThat(run.runner().trains()).isEqualTo(2);
        assertThat(run.runner().ignoredEdges()).isEqualTo(1);
        assertThat(run.count("SYNC", 1)).isEqualTo(6);
        assertThat(run.firstUs("ENABLE", 1)).isGreaterThanOrEqualTo(trig[0]);
        assertThat(run.rows().stream().filter(r -> r.line().equals("ENABLE") && r.value() == 1
                && r.tUs() > trig[0] + 100_000 && r.tUs() < trig[1])).as("nothing between the trains").isEmpty();
        assertThat(run.count("DISCHARGE", 1)).as("a discharge after each train").isEqualTo(2);
        assertThat(run.audit().findings()).isEmpty();
        assertThat(run.report().stopReason()).isEqualTo("duration reached");
    }

    @Test
    void withoutAnEdgeATriggeredRunDeliversNothing() throws IOException {
        Run run = run("rig-tonic.json", 200 * MS, 3, 10_000 * MS);

        assertThat(run.count("ENABLE", 1)).isZero();
        assertThat(run.runner().trains()).isZero();
        assertThat(run.report().stopReason()).isEqualTo("duration reached");
    }
}
