package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixturesForCli;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code rig run} audits what its lines did: a run that delivered what the therapy proves passes; the same run with
 * one switch-off 400 us late (a stall the run did not catch) fails, with a line per violation, so that the run cannot
 * exit 0 on a delivery its own audit fails.
 */
class RigRunSelfAuditTest {

    @Test
    void aFaithfulRunPassesItsOwnAudit() throws Exception {
        LineTrace trace = tonicRun();

        StringWriter text = new StringWriter();
        boolean passed = RigRunCommand.selfAudit(Optional.of(trace), RigFixturesForCli.therapy("rig-tonic.json"),
                RigFixturesForCli.pins(), RigRunCommand.OVERRUN_BOUND_US, new PrintWriter(text, true));

        assertThat(passed).as(text.toString()).isTrue();
        assertThat(text.toString()).contains("audit             passed: 0 of 100 periods unbalanced, 0 merged pulse(s)",
                "longest phase 300 us against 300 us (bound 20 us)");
    }

    @Test
    void aSwitchOffLateByMoreThanTheBoundFailsTheRunsOwnAudit() throws Exception {
        LineTrace faithful = tonicRun();
        LineTrace late = new LineTrace(faithful.lineNames(), 0, faithful.recorded());
        long[] enableOnUs = {-1};
        long[] shiftFromUs = {Long.MAX_VALUE};
        faithful.forEachKept((tUs, line, value) -> {
            // the first switch-off after 1.5 s, and every row after it, 400 us late
            if (line.equals("ENABLE") && value == 1 && tUs < 1_500_000) {
                enableOnUs[0] = tUs;
            }
            if (line.equals("ENABLE") && value == 0 && tUs > enableOnUs[0] && enableOnUs[0] >= 1_400_000
                    && shiftFromUs[0] == Long.MAX_VALUE) {
                shiftFromUs[0] = tUs;
            }
            long at = tUs >= shiftFromUs[0] ? tUs + 400 : tUs;
            late.record(at * 1_000L, faithful.lineNames().indexOf(line), value);
        });
        assertThat(shiftFromUs[0]).isLessThan(Long.MAX_VALUE);

        StringWriter text = new StringWriter();
        boolean passed = RigRunCommand.selfAudit(Optional.of(late), RigFixturesForCli.therapy("rig-tonic.json"),
                RigFixturesForCli.pins(), RigRunCommand.OVERRUN_BOUND_US, new PrintWriter(text, true));

        assertThat(passed).isFalse();
        assertThat(text.toString().lines().filter(l -> l.startsWith("t=")).toList())
                .anySatisfy(l -> assertThat(l).contains("phase length", "ran 700 us against 300 us programmed"))
                .anySatisfy(l -> assertThat(l).contains("charge balance"));
        assertThat(text.toString()).contains("audit             FAILED");
    }

    @Test
    void aRunWithoutATraceSaysItWasNotAudited() throws Exception {
        StringWriter text = new StringWriter();

        boolean passed = RigRunCommand.selfAudit(Optional.empty(), RigFixturesForCli.therapy("rig-tonic.json"),
                RigFixturesForCli.pins(), RigRunCommand.OVERRUN_BOUND_US, new PrintWriter(text, true));

        assertThat(passed).isTrue();
        assertThat(text.toString()).contains("audit             not run");
    }

    /** Two seconds of the tonic example on the mock and a virtual clock, its trace kept. */
    private static LineTrace tonicRun() throws Exception {
        PinMap map = RigFixturesForCli.pins();
        ValidatedTherapy therapy = RigFixturesForCli.therapy("rig-tonic.json");
        Context pi4j = RigPins.platform(true, map, new PrintWriter(new StringWriter())).orElseThrow();
        try {
            VirtualClock clock = new VirtualClock(0);
            RigRun.Outcome outcome = RigRun.run(therapy, map, pi4j, clock,
                    new RigRun.Options(2_000_000_000L, RunnerSettings.DEFAULTS, new VirtualTimeIdleStrategy(clock), true,
                            1_000_000_000L), line -> { });
            return outcome.trace().orElseThrow();
        } finally {
            pi4j.shutdown();
        }
    }
}
