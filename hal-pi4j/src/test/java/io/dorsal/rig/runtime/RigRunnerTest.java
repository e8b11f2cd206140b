package io.dorsal.rig.runtime;

import io.dorsal.rig.sim.SimulatedSpiProvider;
import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.FaultyMockDigitalOutputProvider;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner, stage and generator together on Pi4J's mock platform and a virtual clock: what reaches the pins,
 * when, and that every fault leaves every line at its safe level (read back from Pi4J).
 */
class RigRunnerTest {

    private static final long MS = 1_000_000L;
    private static final PinMap PINS = RigFixtures.examplePins();

    private final VirtualClock clock = new VirtualClock(0);
    private final FaultyMockDigitalOutputProvider outputs = new FaultyMockDigitalOutputProvider();
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(outputs, MockPwmProvider.newInstance(), new SimulatedSpiProvider()).build();

    @AfterEach
    void shutdown() {
        outputs.failWrites(-1, -1, 0);
        pi4j.shutdown();
    }

    /** A run in progress, with hooks into its idle strategy to act at chosen virtual times. */
    private final class Rig {
        final Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS,
                RigRun.MIN_PWM_INTERVAL_NS);
        final LineTrace trace = new LineTrace(stage.traceLineNames(), 0, 100_000);
        final PulseGenerator generator = new PulseGenerator(clock, stage);
        RealtimeRunner runner;

        Rig(ValidatedTherapy therapy) {
            stage.startTrace(trace, 0);
            assertThat(generator.apply(therapy.therapy(), "test").applied()).isTrue();
            generator.start("test");
        }

        RunReport run(long durationNs, IdleStrategy idle) {
            return run(durationNs, idle, RunnerSettings.DEFAULTS);
        }

        RunReport run(long durationNs, IdleStrategy idle, RunnerSettings settings) {
            runner = new RealtimeRunner(generator, stage, clock, idle, settings);
            runner.endAt(durationNs);
            runner.run();
            return runner.report();
        }

        RunReport run(long durationNs) {
            return run(durationNs, new VirtualTimeIdleStrategy(clock));
        }

        List<String[]> changes() throws IOException {
            StringWriter csv = new StringWriter();
            trace.writeCsv(csv);
            return csv.toString().lines().skip(1).map(l -> l.split(",")).toList();
        }
    }

    /** An idle strategy that does something once the virtual clock passes a time. */
    private IdleStrategy actAt(long atNs, Runnable action) {
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        boolean[] done = {false};
        return (now, deadline) -> {
            if (!done[0] && now >= atNs) {
                done[0] = true;
                action.run();
            }
            virtual.idle(now, Math.min(deadline, done[0] ? deadline : atNs));
        };
    }

    /** The phases the scheduler puts out for a therapy started at the runner's lookahead, up to a time. */
    private static List<long[]> scheduledPhases(ValidatedTherapy therapy, long untilNs) {
        PulseTable table = PulseTable.compile(therapy);
        PulseScheduler scheduler = new PulseScheduler(table, RunnerSettings.DEFAULTS.lookaheadNs());
        List<long[]> phases = new ArrayList<>();
        scheduler.poll(untilNs, (PhaseEvent e) -> phases.add(new long[] {e.startNs(), e.endNs(), e.phase()}),
                Integer.MAX_VALUE);
        return phases;
    }

    private static List<String[]> changesOf(List<String[]> changes, String line) {
        return changes.stream().filter(c -> c[1].equals(line)).skip(1).toList(); // skip the initial safe level
    }

    @Test
    void switchesEachContactOnAndOffOncePerPhaseAtTheScheduledTimes() throws IOException {
        ValidatedTherapy therapy = RigFixtures.example("rig-burst.json");
        Rig rig = new Rig(therapy);

        RunReport report = rig.run(60 * MS);

        List<String[]> changes = rig.changes();
        // the burst: 40 Hz, so bursts start at +0 and +25 ms; drained after the end: every started burst ends
        List<long[]> phases = scheduledPhases(therapy, 60 * MS - 1);
        List<long[]> stims = phases.stream().filter(p -> p[2] < 10 && (p[1] - p[0]) == 1 * MS).toList();
        List<String[]> cathode = changesOf(changes, "L1_5_K");
        List<String[]> anode = changesOf(changes, "L1_6_A");
        List<String[]> enable = changesOf(changes, "ENABLE");
        assertThat(cathode).hasSize(2 * stims.size());
        assertThat(anode).hasSize(2 * stims.size());
        assertThat(enable).hasSize(2 * stims.size());
        for (int i = 0; i < stims.size(); i++) {
            long onUs = stims.get(i)[0] / 1_000;
            long offUs = stims.get(i)[1] / 1_000;
            assertThat(cathode.get(2 * i)).containsExactly(String.valueOf(onUs), "L1_5_K", "1");
            assertThat(cathode.get(2 * i + 1)).containsExactly(String.valueOf(offUs), "L1_5_K", "0");
            assertThat(anode.get(2 * i)).containsExactly(String.valueOf(onUs), "L1_6_A", "1");
            assertThat(enable.get(2 * i)).containsExactly(String.valueOf(onUs), "ENABLE", "1");
            assertThat(enable.get(2 * i + 1)).containsExactly(String.valueOf(offUs), "ENABLE", "0");
        }
        // passive recharge after each burst: the discharge line, not the sources
        List<String[]> discharge = changesOf(changes, "DISCHARGE");
        // one window per burst, then the bleed that ends every run: closed for BLEED_NS after the last window
        assertThat(discharge).hasSize(2 * (phases.size() - stims.size()) + 2);
        assertThat(discharge.get(0)).containsExactly(String.valueOf((500 + 9_000)), "DISCHARGE", "1");
        assertThat(discharge.get(1)).containsExactly(String.valueOf((500 + 25_000)), "DISCHARGE", "0");
        String[] lastWindowEnd = discharge.get(discharge.size() - 3);
        long bleedStartUs = Long.parseLong(lastWindowEnd[0]);
        assertThat(discharge.get(discharge.size() - 2)).containsExactly(String.valueOf(bleedStartUs), "DISCHARGE", "1");
        assertThat(discharge.get(discharge.size() - 1)).containsExactly(
                String.valueOf(bleedStartUs + Pi4jOutputStage.BLEED_NS / 1_000), "DISCHARGE", "0");
        // no other contact line ever moved
        int initialLevels = PINS.lines().size() + PINS.sources().size();
        assertThat(changes.subList(initialLevels, changes.size()))
                .filteredOn(c -> c[1].startsWith("L1_") || c[1].startsWith("CASE"))
                .allSatisfy(c -> assertThat(c[1]).isIn("L1_5_K", "L1_6_A"));
        assertThat(report.misses()).isZero();
        assertThat(report.maxUs()).isZero();
        assertThat(report.fault()).isEmpty();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void symmetricActiveRechargeSwitchesTheSameSourcesToTheOppositeContacts() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-tonic.json"));

        rig.run(45 * MS);

        List<String[]> changes = rig.changes();
        // tonic L1.2 cathode / L1.3 anode: stim closes L1_2_K and L1_3_A, recharge (after 50 us) L1_2_A and L1_3_K
        assertThat(changesOf(changes, "L1_2_K").get(0)).containsExactly("500", "L1_2_K", "1");
        assertThat(changesOf(changes, "L1_2_K").get(1)).containsExactly("800", "L1_2_K", "0");
        assertThat(changesOf(changes, "L1_2_A").get(0)).containsExactly("850", "L1_2_A", "1");
        assertThat(changesOf(changes, "L1_2_A").get(1)).containsExactly("1150", "L1_2_A", "0");
        assertThat(changesOf(changes, "L1_3_K").get(0)).containsExactly("850", "L1_3_K", "1");
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void rampsTheSourcesUpInWholeStepsNeverFasterThanTheBoundAndNeverWhileEnableIsOn() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-tonic.json"));

        rig.run(1_200 * MS);

        List<String[]> dac = changesOf(rig.changes(), "DAC_A");
        // 3 mA at 2.5 uA a code: the ramp ends at code 1200
        assertThat(dac).isNotEmpty();
        assertThat(dac.get(dac.size() - 2)[2]).isEqualTo("1200");
        for (int i = 1; i < dac.size() - 1; i++) {
            long gapUs = Long.parseLong(dac.get(i)[0]) - Long.parseLong(dac.get(i - 1)[0]);
            assertThat(gapUs).isGreaterThanOrEqualTo(RigRun.MIN_PWM_INTERVAL_NS / 1_000);
            assertThat(Integer.parseInt(dac.get(i)[2])).isGreaterThan(Integer.parseInt(dac.get(i - 1)[2]));
        }
        // and back to code 0 when the run ends
        assertThat(dac.get(dac.size() - 1)[2]).isEqualTo("0");
        // no source's amplitude changes while ENABLE is on (the trace's rows are in write order)
        String enableActive = String.valueOf(PINS.enable().activeLevel());
        boolean enabled = false;
        for (String[] row : rig.changes()) {
            if (row[1].equals("ENABLE")) {
                enabled = row[2].equals(enableActive);
            } else if (row[1].startsWith("DAC_")) {
                assertThat(enabled).as("%s changed at %s us with ENABLE on", row[1], row[0]).isFalse();
            }
        }
    }

    @Test
    void aFailedPinWriteFaultsTheGeneratorAndLeavesEveryLineSafe() {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        int cathodeBcm = PINS.lines().get(PINS.lineOf(ContactId.parse("L1.5"), LineRole.CATHODE)).bcm();
        outputs.failWrites(cathodeBcm, 1, 1);

        RunReport report = rig.run(60 * MS);

        assertThat(report.fault()).hasValueSatisfying(f -> assertThat(f).contains("pin write failed", "injected fault"));
        assertThat(rig.generator.mode(clock.nanoTime())).isEqualTo(GeneratorMode.FAULT);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        assertThat(rig.stage.latched()).isTrue();
    }

    @Test
    void aLineThatCannotBeWrittenAtAllStillLeavesEveryOtherLineSafe() {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        String stuck = "L1_6_A";
        int stuckBcm = PINS.lines().stream().filter(l -> l.name().equals(stuck)).findFirst().orElseThrow().bcm();
        long midPulse = 500_000 + 500_000; // half-way through the first pulse of the first burst
        IdleStrategy breakLineMidPulse = actAt(midPulse, () -> outputs.failWrites(stuckBcm, 0, Integer.MAX_VALUE));

        RunReport report = rig.run(60 * MS, breakLineMidPulse);

        // the switch-off of L1_6_A fails: fault; the stuck line stays active, every other line is safe
        assertThat(report.fault()).isPresent();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).containsExactly(stuck + "=1");
        assertThat(RigFixtures.level(pi4j, "ENABLE")).isZero();
        assertThat(rig.stage.failedSafeWrites()).isPositive();
    }

    @Test
    void aPinActionLaterThanTheFaultBoundFaultsAndLeavesEveryLineSafe() {
        Rig rig = new Rig(RigFixtures.example("rig-tonic.json"));
        long lateBy = RunnerSettings.DEFAULTS.faultLatenessNs() + MS;
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        boolean[] stalled = {false};
        IdleStrategy stallOnce = (now, deadline) -> {
            if (!stalled[0] && now > 100 * MS && deadline != Long.MAX_VALUE) {
                stalled[0] = true;
                clock.setNs(deadline + lateBy); // the thread was descheduled past its deadline
            } else {
                virtual.idle(now, deadline);
            }
        };

        RunReport report = rig.run(500 * MS, stallOnce);

        assertThat(report.fault()).hasValueSatisfying(f -> assertThat(f).contains("late", "fault bound is 1000 us"));
        assertThat(report.maxUs()).isGreaterThan(1_000);
        assertThat(rig.generator.mode(clock.nanoTime())).isEqualTo(GeneratorMode.FAULT);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aStopRequestDrivesEveryLineSafeAndTurnsTheGeneratorOff() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        long stopAt = 3 * MS + 200_000; // in the middle of the second pulse of the first burst

        RunReport report = rig.run(1_000 * MS, actAt(stopAt, () -> rig.runner.requestStop("Ctrl-C")));

        assertThat(report.stopReason()).isEqualTo("Ctrl-C");
        assertThat(report.fault()).isEmpty();
        assertThat(rig.generator.mode(clock.nanoTime())).isEqualTo(GeneratorMode.OFF);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        // nothing but the discharge line goes active after the stop: it bleeds the burst's charge for BLEED_NS
        assertThat(rig.changes()).filteredOn(c -> !c[1].equals("DISCHARGE") && c[2].equals("1")
                && Long.parseLong(c[0]) * 1_000 > stopAt).isEmpty();
        List<String[]> discharge = changesOf(rig.changes(), "DISCHARGE");
        assertThat(discharge).hasSize(2);
        long bleedFromUs = Long.parseLong(discharge.get(0)[0]);
        // the runner notices the stop at its next wake-up (the pulse's switch-off is due at 3.5 ms)
        assertThat(bleedFromUs * 1_000).isBetween(stopAt, stopAt + 500_000);
        assertThat(discharge.get(0)[2]).isEqualTo("1");
        assertThat(discharge.get(1)).containsExactly(String.valueOf(bleedFromUs + Pi4jOutputStage.BLEED_NS / 1_000),
                "DISCHARGE", "0");
    }

    @Test
    void stopAllFromTheProgrammerLatchesTheStageAndNothingSwitchesOnAfterwards() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        long stopAt = 30 * MS;

        rig.run(100 * MS, actAt(stopAt, () -> rig.generator.stopAll("clinician")));

        assertThat(rig.stage.latched()).isTrue();
        assertThat(rig.generator.mode(clock.nanoTime())).isEqualTo(GeneratorMode.OFF);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        assertThat(rig.changes()).filteredOn(c -> !c[1].startsWith("PWM") && c[2].equals("1")
                && Long.parseLong(c[0]) * 1_000 > stopAt).isEmpty();
    }

    @Test
    void aTherapyTheRigCannotRenderIsRefusedByTheGeneratorAndTheRunningOneGoesOn() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        String before = io.dorsal.core.file.ProgramCodec.write(rig.generator.therapy().orElseThrow().therapy());

        io.dorsal.core.generator.ApplyResult result = rig.generator.apply(
                RigFixtures.example("two-programs.json").therapy(), "clinician");

        assertThat(result).isInstanceOfSatisfying(io.dorsal.core.generator.ApplyResult.Rejected.class, r ->
                assertThat(r.violations()).anySatisfy(v -> {
                    assertThat(v.rule()).isEqualTo(io.dorsal.core.safety.SafetyRule.OUTPUT_STAGE);
                    assertThat(v.message()).contains("[rig sources]");
                }));
        assertThat(io.dorsal.core.file.ProgramCodec.write(rig.generator.therapy().orElseThrow().therapy()))
                .isEqualTo(before);
        RunReport report = rig.run(60 * MS);
        assertThat(report.fault()).isEmpty();
    }

    @Test
    void aChangeOfTherapyWhileRunningLeavesNoLineOnAndNeverOverlapsTheTwo() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        long changeAt = 12 * MS; // inside the first burst: its pulses and passive window must still end properly
        IdleStrategy change = actAt(changeAt, () -> assertThat(rig.generator.apply(
                RigFixtures.example("rig-tonic.json").therapy(), "clinician").applied()).isTrue());

        RunReport report = rig.run(200 * MS, change);

        assertThat(report.fault()).isEmpty();
        java.util.Map<String, Boolean> active = new java.util.HashMap<>();
        java.util.Map<String, Integer> activeLevel = new java.util.HashMap<>();
        PINS.lines().forEach(l -> activeLevel.put(l.name(), l.activeLevel()));
        int maxActiveContactLines = 0;
        for (String[] c : rig.changes()) {
            if (c[1].startsWith("L1_") || c[1].equals("DISCHARGE")) {
                active.put(c[1], Integer.parseInt(c[2]) == activeLevel.get(c[1]));
                maxActiveContactLines = Math.max(maxActiveContactLines,
                        (int) active.values().stream().filter(a -> a).count());
            }
        }
        // one cathode and one anode line at a time, or the discharge line alone
        assertThat(maxActiveContactLines).isLessThanOrEqualTo(2);
        assertThat(active).allSatisfy((line, on) -> assertThat(on).as(line).isFalse());
        // the first burst ran to its end (its passive window closes at 500 + 25,000 us) before the tonic began
        List<String[]> changes = rig.changes();
        assertThat(changes).anySatisfy(c -> assertThat(c).containsExactly("25500", "DISCHARGE", "0"));
        assertThat(changes).filteredOn(c -> c[1].equals("L1_2_K") && c[2].equals("1"))
                .allSatisfy(c -> assertThat(Long.parseLong(c[0])).isGreaterThanOrEqualTo(25_500));
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void withNothingScheduledTheRunnerStillWakesEveryHeartbeatToSeeNewWork() {
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        PulseGenerator idleGenerator = new PulseGenerator(clock, stage);
        long[] waited = new long[1];
        RealtimeRunner[] runner = new RealtimeRunner[1];
        runner[0] = new RealtimeRunner(idleGenerator, stage, clock, (now, deadline) -> {
            waited[0] = deadline - now;
            runner[0].requestStop("test over");
        }, RunnerSettings.DEFAULTS);

        runner[0].run();

        assertThat(waited[0]).isEqualTo(RealtimeRunner.MAX_IDLE_NS);
    }

    @Test
    void catchingUpAfterALongStallNeverOverflowsTheActionQueue() {
        Rig rig = new Rig(RigFixtures.example("rig-burst.json"));
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        boolean[] stalled = {false};
        IdleStrategy stallOnce = (now, deadline) -> {
            if (!stalled[0] && now > 50 * MS) {
                stalled[0] = true;
                clock.setNs(now + 8_000 * MS); // eight seconds descheduled: 320 bursts, 1,920 phases, are due at once
            } else {
                virtual.idle(now, deadline);
            }
        };
        // fault and overrun bounds above the stall, so that the run catches up instead of faulting
        RunnerSettings lenient = RunnerSettings.DEFAULTS.withFaultLatenessNs(20_000 * MS)
                .withOverrunBoundNs(20_000 * MS);

        RunReport report = rig.run(10_000 * MS, stallOnce, lenient);

        assertThat(report.fault()).isEmpty();
        assertThat(report.misses()).isPositive();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aPhaseSwitchedOnLateKeepsItsFullLengthSoItsChargeStaysBalanced() throws IOException {
        Rig rig = new Rig(RigFixtures.example("rig-tonic.json"));
        long lateByNs = 200_000; // the second stim phase, due at 20,500 us, switched on 200 us late
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        boolean[] delayed = {false};
        IdleStrategy delayOnce = (now, deadline) -> {
            if (!delayed[0] && deadline == 20_500_000L) {
                delayed[0] = true;
                clock.setNs(deadline + lateByNs);
            } else {
                virtual.idle(now, deadline);
            }
        };

        RunReport report = rig.run(45 * MS, delayOnce);

        List<String[]> cathode = changesOf(rig.changes(), "L1_2_K");
        List<String[]> anode = changesOf(rig.changes(), "L1_2_A");
        // stim 300 us from 20,700 (late) to 21,000; recharge 300 us right after (its 50 us gap already passed)
        assertThat(cathode.get(2)).containsExactly("20700", "L1_2_K", "1");
        assertThat(cathode.get(3)).containsExactly("21000", "L1_2_K", "0");
        assertThat(anode.get(2)).containsExactly("21000", "L1_2_A", "1");
        assertThat(anode.get(3)).containsExactly("21300", "L1_2_A", "0");
        // and the next pulse is back on time
        assertThat(cathode.get(4)).containsExactly("40500", "L1_2_K", "1");
        assertThat(report.misses()).isPositive();
        assertThat(report.fault()).isEmpty();
    }
}
