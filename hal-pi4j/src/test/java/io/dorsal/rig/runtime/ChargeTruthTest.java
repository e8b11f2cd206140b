package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.audit.AuditReport;
import io.dorsal.rig.audit.TraceAudit;
import io.dorsal.rig.audit.TraceCsv;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Charge truth on the mock rig with a virtual clock that delays chosen pin actions: a late switch-on, a late
 * switch-off within and past the overrun bound, a stall mid-burst. Each run must end balanced or faulted (switch-off
 * first, then the discharge window), never silently overcharged, and burst pulses are skipped, never joined.
 */
class ChargeTruthTest {

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final PinMap PINS = RigFixtures.examplePins();

    private final VirtualClock clock = new VirtualClock(0);
    private final Context pi4j = RigFixtures.platform(PINS);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private record Run(RunReport report, List<String[]> changes, Pi4jOutputStage stage, List<String> csv) {

        /** The trace audited as {@code rig audit} would, at the rig's bound: charge from each source's calibration. */
        AuditReport audit(ValidatedTherapy therapy) {
            return audit(therapy, TraceAudit.DEFAULT_BOUND_US);
        }

        /** The same at the bound the run used ({@code rig run --overrun-bound-us}). */
        AuditReport audit(ValidatedTherapy therapy, long boundUs) {
            return new TraceAudit(PINS, therapy, boundUs).audit(TraceCsv.parse(csv));
        }

        /** The ENABLE window that opened at {@code fromUs}, as {from us, to us}. */
        long[] enableFrom(long fromUs) {
            return highIntervals("ENABLE").stream().filter(w -> w[0] == fromUs).findFirst()
                    .orElseThrow(() -> new AssertionError("no ENABLE window opened at " + fromUs + " us"));
        }

        /** The last setting written to a source line at or before {@code atUs}. */
        int settingAt(String sourceLine, long atUs) {
            int setting = -1;
            for (String[] c : changes) {
                if (c[1].equals(sourceLine) && Long.parseLong(c[0]) <= atUs) {
                    setting = Integer.parseInt(c[2]);
                }
            }
            return setting;
        }

        /** The intervals a line spent at level 1, as {from us, to us}. */
        List<long[]> highIntervals(String line) {
            List<long[]> out = new ArrayList<>();
            long from = -1;
            for (String[] c : changes) {
                if (!c[1].equals(line)) {
                    continue;
                }
                long t = Long.parseLong(c[0]);
                if (c[2].equals("1") && from < 0) {
                    from = t;
                } else if (c[2].equals("0") && from >= 0) {
                    out.add(new long[] {from, t});
                    from = -1;
                }
            }
            return out;
        }

        /** Net charge of a contact in microseconds of its (equal) source current: anode while enabled minus cathode. */
        long netUs(String cathodeLine, String anodeLine) {
            long net = 0;
            boolean enable = false;
            boolean cathode = false;
            boolean anode = false;
            long last = 0;
            for (String[] c : changes) {
                long t = Long.parseLong(c[0]);
                if (enable) {
                    net += (anode ? t - last : 0) - (cathode ? t - last : 0);
                }
                last = t;
                boolean high = c[2].equals("1");
                switch (c[1]) {
                    case "ENABLE" -> enable = high;
                    default -> {
                        if (c[1].equals(cathodeLine)) {
                            cathode = high;
                        } else if (c[1].equals(anodeLine)) {
                            anode = high;
                        }
                    }
                }
            }
            return net;
        }
    }

    /** Runs a therapy with the pin action due at {@code dueNs} delayed by {@code delayNs} (the thread stalled). */
    private Run run(ValidatedTherapy therapy, long durationNs, long dueNs, long delayNs, RunnerSettings settings)
            throws IOException {
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        LineTrace trace = new LineTrace(stage.traceLineNames(), 0, 100_000);
        stage.startTrace(trace, 0);
        PulseGenerator generator = new PulseGenerator(clock, stage);
        assertThat(generator.apply(therapy.therapy(), "test").applied()).isTrue();
        generator.start("test");
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        boolean[] delayed = {false};
        IdleStrategy delayOnce = (now, deadline) -> {
            if (!delayed[0] && deadline == dueNs) {
                delayed[0] = true;
                clock.setNs(deadline + delayNs);
            } else {
                virtual.idle(now, deadline);
            }
        };
        RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, delayOnce, settings);
        runner.endAt(durationNs);
        runner.run();
        assertThat(delayed[0]).as("the chosen action was delayed").isTrue();
        StringWriter csv = new StringWriter();
        trace.writeCsv(csv);
        return new Run(runner.report(), csv.toString().lines().skip(1).map(l -> l.split(",")).toList(), stage,
                csv.toString().lines().toList());
    }

    @Test
    void aLateSwitchOffWithinTheBoundStretchesTheRechargeSoEveryPeriodBalances() throws IOException {
        // tonic 50 Hz: the second stim phase 20,500 to 20,800 us; its switch-off runs 15 us late
        Run run = run(RigFixtures.example("rig-tonic.json"), 45 * MS, 20_800 * US, 15 * US, RunnerSettings.DEFAULTS);

        List<long[]> enable = run.highIntervals("ENABLE");
        assertThat(enable.get(2)).containsExactly(20_500, 20_815);
        // the recharge returns the 315 us really delivered, not the 300 programmed
        assertThat(enable.get(3)).containsExactly(20_850, 21_165);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.netUs("L1_3_K", "L1_3_A")).isZero();
        assertThat(run.report().fault()).isEmpty();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aRechargeSwitchedOffLateWithinTheBoundIsGivenBackByTheNextRecharge() throws IOException {
        // tonic 50 Hz, its 1 s soft start over: the 61st recharge 1,200,850 to 1,201,150 us at full amplitude; its
        // switch-off runs 15 us late
        ValidatedTherapy tonic = RigFixtures.example("rig-tonic.json");
        Run run = run(tonic, 1_250 * MS, 1_201_150 * US, 15 * US, RunnerSettings.DEFAULTS);

        assertThat(run.settingAt("DAC_A", 1_200_850)).as("full amplitude, as in the next period")
                .isEqualTo(run.settingAt("DAC_A", 1_240_850));
        assertThat(run.enableFrom(1_200_850)).containsExactly(1_200_850, 1_201_165);
        // the next recharge (at the same current) is 15 us shorter: the contact's net charge is back to zero
        assertThat(run.enableFrom(1_220_850)).containsExactly(1_220_850, 1_221_135);
        assertThat(run.enableFrom(1_240_850)).as("and the one after is whole again").containsExactly(1_240_850,
                1_241_150);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.netUs("L1_3_K", "L1_3_A")).isZero();
        assertThat(run.audit(tonic).findings()).isEmpty();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void withALooserBoundARechargeOverrunLongerThanHalfARechargeIsReturnedOverSeveralPeriodsAndAuditsClean()
            throws IOException {
        // the mock's looser bound, 1 ms: the 61st recharge (full amplitude) switches off 400 us late
        ValidatedTherapy tonic = RigFixtures.example("rig-tonic.json");
        RunnerSettings loose = RunnerSettings.DEFAULTS.withOverrunBoundNs(MS);
        Run run = run(tonic, 1_300 * MS, 1_201_150 * US, 400 * US, loose);

        assertThat(run.enableFrom(1_200_850)).containsExactly(1_200_850, 1_201_550);
        // each recharge after it gives back at most half its length: 150, 150, then the last 100 us
        assertThat(run.enableFrom(1_220_850)).containsExactly(1_220_850, 1_221_000);
        assertThat(run.enableFrom(1_240_850)).containsExactly(1_240_850, 1_241_000);
        assertThat(run.enableFrom(1_260_850)).containsExactly(1_260_850, 1_261_050);
        assertThat(run.enableFrom(1_280_850)).containsExactly(1_280_850, 1_281_150);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.netUs("L1_3_K", "L1_3_A")).isZero();
        // the auditor follows the return over the three periods the bound allows it (1 ms over half of 300 us: 7)
        assertThat(run.audit(tonic, MS / US).findings()).isEmpty();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void aRechargeOverrunWhileTheSoftStartDrivesNoCurrentOwesNothing() throws IOException {
        // tonic 50 Hz: the second period's sources are still at zero (the soft start's first step comes at 40.3 ms);
        // its recharge, 20,850 to 21,150 us, switches off 15 us late
        ValidatedTherapy tonic = RigFixtures.example("rig-tonic.json");
        Run run = run(tonic, 65 * MS, 21_150 * US, 15 * US, RunnerSettings.DEFAULTS);

        assertThat(run.settingAt("DAC_A", 20_850)).isZero();
        assertThat(run.settingAt("DAC_A", 40_850)).isPositive();
        assertThat(run.enableFrom(20_850)).containsExactly(20_850, 21_165);
        // 15 us at no current is no charge: the third recharge, the first that drives current, keeps its whole length
        // (shortened by 15 us it would leave 15 us of its current on the contacts)
        assertThat(run.enableFrom(40_850)).containsExactly(40_850, 41_150);
        assertThat(run.audit(tonic).findings()).isEmpty();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void aLateSwitchOffRightAtTheBoundIsStretchedNotFaulted() throws IOException {
        long bound = Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS;
        Run atBound = run(RigFixtures.example("rig-tonic.json"), 45 * MS, 20_800 * US, bound, RunnerSettings.DEFAULTS);
        assertThat(atBound.report().fault()).isEmpty();
        assertThat(atBound.netUs("L1_2_K", "L1_2_A")).isZero();
    }

    @Test
    void aLateSwitchOffPastTheBoundFaultsSwitchOffFirstThenDischarges() throws IOException {
        long late = Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS + US;
        Run run = run(RigFixtures.example("rig-tonic.json"), 45 * MS, 20_800 * US, late, RunnerSettings.DEFAULTS);

        assertThat(run.report().fault()).hasValueSatisfying(f -> assertThat(f).contains("21 us past its length",
                "overrun bound is 20 us"));
        List<long[]> enable = run.highIntervals("ENABLE");
        // the overrun phase is the last the enable line ever gated: no recharge, no further pulse
        assertThat(enable).hasSize(3);
        assertThat(enable.get(2)).containsExactly(20_500, 20_821);
        // the cathode opened no earlier than enable (switch-off first)
        assertThat(run.highIntervals("L1_2_K").get(1)[1]).isGreaterThanOrEqualTo(20_821);
        // the discharge line bled the unreturned charge for the whole window, after enable went off
        List<long[]> discharge = run.highIntervals("DISCHARGE");
        assertThat(discharge).hasSize(1);
        assertThat(discharge.get(0)[0]).isGreaterThanOrEqualTo(20_821);
        assertThat((discharge.get(0)[1] - discharge.get(0)[0]) * US).isGreaterThanOrEqualTo(Pi4jOutputStage.BLEED_NS);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aLateSwitchOnKeepsItsLengthAndItsRechargeBalancesIt() throws IOException {
        Run run = run(RigFixtures.example("rig-tonic.json"), 45 * MS, 20_500 * US, 40 * US, RunnerSettings.DEFAULTS);

        assertThat(run.highIntervals("ENABLE").get(2)).containsExactly(20_540, 20_840);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void aStallMidBurstFaultsOnTheOverrunNeverJoiningThePulses() throws IOException {
        // burst: pulses of 1,000 us every 2,000 us from 500 us; the first one's switch-off stalls 1.2 ms
        Run run = run(RigFixtures.example("rig-burst.json"), 60 * MS, 1_500 * US, 1_200 * US, RunnerSettings.DEFAULTS);

        assertThat(run.report().fault()).hasValueSatisfying(f -> assertThat(f).contains("past its length"));
        assertThat(run.highIntervals("ENABLE")).hasSize(1);
        assertThat(run.highIntervals("DISCHARGE")).hasSize(1);
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void withALenientBoundAPulseDueBeforeItsPredecessorIsOffIsSkippedNeverJoined() throws IOException {
        RunnerSettings lenient = RunnerSettings.DEFAULTS.withFaultLatenessNs(5 * MS).withOverrunBoundNs(5 * MS);
        Run run = run(RigFixtures.example("rig-burst.json"), 30 * MS, 1_500 * US, 1_200 * US, lenient);

        List<long[]> enable = run.highIntervals("ENABLE");
        // the first pulse ran 2,200 us; the second (due at 2,500, before the first was off at 2,700) was skipped
        assertThat(enable.get(0)).containsExactly(500, 2_700);
        assertThat(enable.get(1)).containsExactly(4_500, 5_500);
        // four pulses in the first burst; the next burst (from 25,500 us) has all five
        assertThat(enable).filteredOn(e -> e[0] < 25_000).hasSize(4);
        assertThat(enable).filteredOn(e -> e[0] >= 25_000).hasSize(5);
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(enable).allSatisfy(e -> assertThat(e[1] - e[0]).isLessThanOrEqualTo(2_200));
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void aBurstsFirstPulseDueWhileThePassiveWindowClosesLateIsSwitchedOnLateNotSkipped() throws IOException {
        // burst: the passive window after the first burst (9,500 to 25,500 us) closes 3 us late, right when the next
        // burst's first pulse is due; the window drove nothing, so the pulse follows it, keeping its 1,000 us
        Run run = run(RigFixtures.example("rig-burst.json"), 30 * MS, 25_500 * US, 3 * US, RunnerSettings.DEFAULTS);

        List<long[]> enable = run.highIntervals("ENABLE");
        assertThat(enable).filteredOn(e -> e[0] >= 25_000).hasSize(5);
        assertThat(enable).filteredOn(e -> e[0] >= 25_000).first().satisfies(e -> assertThat(e).containsExactly(
                25_503, 26_503));
        // the discharge line opened before the pulse's lines closed
        List<long[]> discharge = run.highIntervals("DISCHARGE");
        assertThat(discharge.get(0)[1]).isLessThanOrEqualTo(25_503);
        assertThat(run.report().skippedPulses()).isZero();
        assertThat(run.report().fault()).isEmpty();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aBurstsFirstPulseDueWhileThePassiveWindowIsStillOpenPastTheSlipIsSkippedNotCrowdedOntoTheNext()
            throws IOException {
        // the passive window after the first burst (9,500 to 25,500 us) closes 300 us late (the thread stalled): the
        // next burst's first pulse, due at 25,500, would start 300 us late and come 1,700 us before the second
        // instead of 2,000; it is skipped and counted, and the burst goes on from its second pulse on schedule
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        Run run = run(burst, 45 * MS, 25_500 * US, 300 * US, RunnerSettings.DEFAULTS);

        List<long[]> secondBurst = run.highIntervals("ENABLE").stream().filter(e -> e[0] >= 25_000).toList();
        assertThat(secondBurst).hasSize(4);
        assertThat(secondBurst.get(0)).containsExactly(27_500, 28_500);
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(run.audit(burst).findings()).isEmpty();
        assertThat(run.report().fault()).isEmpty();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void withALooseBoundABurstPulseThatRanLongIsNotFollowedByOneCrowdedOntoIt() throws IOException {
        // burst, 1 ms bound: the first pulse (500 to 1,500 us) switches off 900 us late, within the bound; the second,
        // due at 2,500, would come 100 us after it, against 1,000 programmed (the auditor's merged pulses): skipped
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        RunnerSettings loose = RunnerSettings.DEFAULTS.withOverrunBoundNs(MS);
        Run run = run(burst, 30 * MS, 1_500 * US, 900 * US, loose);

        List<long[]> enable = run.highIntervals("ENABLE");
        assertThat(enable.get(0)).containsExactly(500, 2_400);
        assertThat(enable.get(1)).containsExactly(4_500, 5_500);
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(run.audit(burst, MS / US).findings()).isEmpty();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void aBurstsFirstPulseFollowsAPassiveWindowClosingRightAtTheSlip() throws IOException {
        // the passive window due to close at 25,500 us, when the next burst's first pulse is due, closes 20 us late
        // (MAX_START_SLIP_NS): the pulse follows it, keeping its length
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        long slipUs = Pi4jOutputStage.MAX_START_SLIP_NS / US;
        Run run = run(burst, 30 * MS, 25_500 * US, slipUs * US, RunnerSettings.DEFAULTS);

        assertThat(run.enableFrom(25_500 + slipUs)).containsExactly(25_500 + slipUs, 26_500 + slipUs);
        assertThat(run.report().skippedPulses()).isZero();
        assertThat(run.audit(burst).findings()).isEmpty();
    }

    @Test
    void aBurstsFirstPulseDueAMicrosecondPastTheSlipBeforeItsPassiveWindowClosesIsSkipped() throws IOException {
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        long slipUs = Pi4jOutputStage.MAX_START_SLIP_NS / US;
        Run run = run(burst, 30 * MS, 25_500 * US, (slipUs + 1) * US, RunnerSettings.DEFAULTS);

        assertThat(run.highIntervals("ENABLE").stream().filter(e -> e[0] >= 25_000).findFirst().orElseThrow())
                .containsExactly(27_500, 28_500);
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(run.audit(burst).findings()).isEmpty();
    }

    @Test
    void withALooseBoundABurstPulseHalfItsSeparationAfterTheOneBeforeIsDelivered() throws IOException {
        // burst, 1 ms bound: the first pulse (500 to 1,500 us) switches off 500 us late, leaving the second (due at
        // 2,500) exactly half its programmed 1,000 us after it
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        Run run = run(burst, 30 * MS, 1_500 * US, 500 * US, RunnerSettings.DEFAULTS.withOverrunBoundNs(MS));

        assertThat(run.enableFrom(2_500)).containsExactly(2_500, 3_500);
        assertThat(run.report().skippedPulses()).isZero();
        assertThat(run.audit(burst, MS / US).findings()).isEmpty();
    }

    @Test
    void withALooseBoundABurstPulseAMicrosecondCloserThanHalfItsSeparationIsSkipped() throws IOException {
        ValidatedTherapy burst = RigFixtures.example("rig-burst.json");
        Run run = run(burst, 30 * MS, 1_500 * US, 501 * US, RunnerSettings.DEFAULTS.withOverrunBoundNs(MS));

        assertThat(run.highIntervals("ENABLE").get(1)).containsExactly(4_500, 5_500);
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(run.audit(burst, MS / US).findings()).isEmpty();
    }

    private static final String HF10K = """
            {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6.0, "impedanceOhm": 1000}],
             "programs": [{"name": "hf10k", "electrodes": {"L1.2": -100, "L1.3": 100},
               "amplitudeMa": 3.0, "pulseWidthUs": 30, "rateHz": 10000, "pattern": {"type": "highFrequency"},
               "recharge": {"type": "active", "interphaseGapUs": 20}}]}
            """;

    @Test
    void at10kHzAPulseDueWhileTheRechargeBeforeItIsStillOnIsSwitchedOnLateKeepingItsLengthNotSkipped()
            throws IOException {
        // 10 kHz: stim 30 us, gap 20 us, recharge 30 us, 20 us to the next stim; one recharge switches on 25 us late
        // (due at 1,050 us) and keeps its 30 us, so it is still on when the next stim is due at 1,100 us
        Run run = run(RigFixtures.validate(HF10K), 3 * MS, 1_050 * US, 25 * US, RunnerSettings.DEFAULTS);

        List<long[]> enable = run.highIntervals("ENABLE");
        assertThat(enable).anySatisfy(e -> assertThat(e).containsExactly(1_075, 1_105));
        // the next stim follows the recharge at once and keeps its 30 us; its own recharge comes at its time
        assertThat(enable).anySatisfy(e -> assertThat(e).containsExactly(1_105, 1_135));
        assertThat(enable).anySatisfy(e -> assertThat(e).containsExactly(1_150, 1_180));
        assertThat(run.report().skippedPulses()).isZero();
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.netUs("L1_3_K", "L1_3_A")).isZero();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void at10kHzAPulseThatWouldStartRightAtTheSlipLimitFollowsTheRecharge() throws IOException {
        long slipUs = Pi4jOutputStage.MAX_START_SLIP_NS / US;
        // the recharge due at 1,050 us switches on late enough to end exactly slipUs after the next stim's 1,100 us
        Run run = run(RigFixtures.validate(HF10K), 3 * MS, 1_050 * US, (20 + slipUs) * US, RunnerSettings.DEFAULTS);

        assertThat(run.highIntervals("ENABLE")).anySatisfy(e -> assertThat(e).containsExactly(1_100 + slipUs,
                1_130 + slipUs));
        assertThat(run.report().skippedPulses()).isZero();
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
    }

    @Test
    void at10kHzAPulseThatWouldStartPastTheSlipLimitIsSkippedWithItsRecharge() throws IOException {
        long slipUs = Pi4jOutputStage.MAX_START_SLIP_NS / US;
        Run run = run(RigFixtures.validate(HF10K), 3 * MS, 1_050 * US, (21 + slipUs) * US, RunnerSettings.DEFAULTS);

        // one microsecond more and the stim due at 1,100 us is skipped with its recharge; the next comes on time
        assertThat(run.highIntervals("ENABLE")).noneSatisfy(e -> assertThat(e[0]).isBetween(1_100L, 1_199L));
        assertThat(run.highIntervals("ENABLE")).anySatisfy(e -> assertThat(e).containsExactly(1_200, 1_230));
        assertThat(run.report().skippedPulses()).isEqualTo(1);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.report().fault()).isEmpty();
    }

    @Test
    void at10kHzAStallSkipsThePulsesItsBacklogWouldPackBackToBackAndRegainsTheSchedule() throws IOException {
        // the recharge due at 1,050 us stalls 300 us: it runs 1,350 to 1,380 us; the stims due at 1,100, 1,200 and
        // 1,300 us would follow it back to back, above the programmed rate: they are skipped; 1,400 us is on time
        Run run = run(RigFixtures.validate(HF10K), 3 * MS, 1_050 * US, 300 * US, RunnerSettings.DEFAULTS);

        List<long[]> enable = run.highIntervals("ENABLE");
        assertThat(enable).anySatisfy(e -> assertThat(e).containsExactly(1_350, 1_380));
        assertThat(enable).noneSatisfy(e -> assertThat(e[0]).isBetween(1_381L, 1_399L));
        assertThat(enable).anySatisfy(e -> assertThat(e).containsExactly(1_400, 1_430));
        assertThat(run.report().skippedPulses()).isEqualTo(3);
        assertThat(run.netUs("L1_2_K", "L1_2_A")).isZero();
        assertThat(run.netUs("L1_3_K", "L1_3_A")).isZero();
        assertThat(run.report().fault()).isEmpty();
    }
}
