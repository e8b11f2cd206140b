package io.dorsal.rig.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The auditor against traces of real runs (the rig's own stage and runner on the mock, on a virtual clock, where every
 * write lands on time) and against those traces with one thing changed the way a stalled JVM changes it.
 */
class TraceAuditTest {

    private static final PinMap PINS = RigFixtures.examplePins();
    private static final long BOUND_US = TraceAudit.DEFAULT_BOUND_US;

    static List<TraceRow> run(ValidatedTherapy therapy, long durationNs) {
        Context pi4j = RigFixtures.platform(PINS);
        VirtualClock clock = new VirtualClock(0);
        try {
            RigRun.Outcome outcome = RigRun.run(therapy, PINS, pi4j, clock, new RigRun.Options(durationNs,
                    RunnerSettings.DEFAULTS, new VirtualTimeIdleStrategy(clock), true, durationNs), line -> { });
            StringWriter csv = new StringWriter();
            outcome.trace().orElseThrow().writeCsv(csv);
            return TraceCsv.parse(csv.toString().lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pi4j.shutdown();
        }
    }

    private static AuditReport audit(List<TraceRow> rows, String example) {
        return new TraceAudit(PINS, RigFixtures.example(example), BOUND_US).audit(rows);
    }

    /** The trace up to its last ENABLE switch-off and the contact lines' switch-offs with it: no discharge after. */
    private static List<TraceRow> withoutFinalDischarge(List<TraceRow> rows) {
        int lastOff = nth(rows, row("ENABLE", 0), (int) rows.stream().filter(row("ENABLE", 0)).count() - 1);
        long at = rows.get(lastOff).tUs();
        List<TraceRow> cut = new ArrayList<>();
        for (TraceRow r : rows) {
            if (r.tUs() <= at || !r.line().equals("DISCHARGE")) {
                cut.add(r);
            }
        }
        return cut;
    }

    private static final List<TraceRow> TONIC = run(RigFixtures.example("rig-tonic.json"), 2_000_000_000L);
    private static final List<TraceRow> BURST = run(RigFixtures.example("rig-burst.json"), 1_000_000_000L);

    /** The index of the n-th row (from 0) that matches. */
    private static int nth(List<TraceRow> rows, Predicate<TraceRow> match, int n) {
        int seen = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (match.test(rows.get(i)) && seen++ == n) {
                return i;
            }
        }
        throw new AssertionError("no row " + n + " matches");
    }

    private static Predicate<TraceRow> row(String line, int value) {
        return r -> r.line().equals(line) && r.value() == value;
    }

    /** The rows with the switch-off at {@code index} (and every row from it on) moved later by {@code us}. */
    private static List<TraceRow> delayedFrom(List<TraceRow> rows, int index, long us) {
        List<TraceRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            TraceRow r = rows.get(i);
            out.add(i < index ? r : new TraceRow(r.tUs() + us, r.line(), r.value()));
        }
        return out;
    }

    @Test
    void aRunWhoseWritesLandOnTimeKeepsEveryRule() {
        AuditReport tonic = audit(TONIC, "rig-tonic.json");
        AuditReport burst = audit(BURST, "rig-burst.json");

        assertThat(tonic.findings()).isEmpty();
        assertThat(tonic.periods()).isGreaterThanOrEqualTo(90);
        assertThat(tonic.unbalancedPeriods()).isZero();
        assertThat(tonic.longestUs()).isEqualTo(tonic.longestProgrammedUs());
        assertThat(burst.findings()).isEmpty();
        assertThat(burst.periods()).isGreaterThanOrEqualTo(35);
        assertThat(burst.mergedPulses()).isZero();
    }

    @Test
    void aStimulationPhaseLateToSwitchOffByTheBoundAndTheStampsMicrosecondIsNoPhaseLengthViolationOneMoreIs() {
        // the 61st pulse's stimulation phase (after the 1 s ramp; ENABLE's row 0 is its initial level): its switch-off
        // moved later with every row after it
        int off = nth(TONIC, row("ENABLE", 0), 121);
        AuditReport atBound = audit(delayedFrom(TONIC, off, BOUND_US + 1), "rig-tonic.json");
        AuditReport past = audit(delayedFrom(TONIC, off, BOUND_US + 2), "rig-tonic.json");

        assertThat(atBound.findings("phase length")).isEmpty();
        assertThat(past.findings("phase length")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ran " + (300 + BOUND_US + 2) + " us against 300 us programmed"));
    }

    @Test
    void aRechargeStretchedByItsStimulationsOverrunIsJudgedFromItsStretchedLengthPlusTheBound() {
        // the stimulation runs 15 us long (within the bound); the runner stretches its recharge by as much
        // (the same current: 315 us), and the recharge then switches off late by the bound: 335 us, no violation
        int stimOff = nth(TONIC, row("ENABLE", 0), 121);
        List<TraceRow> stimLate = delayedFrom(TONIC, stimOff, 15);
        int rechargeOff = nth(stimLate, row("ENABLE", 0), 122);
        AuditReport atBound = audit(delayedFrom(stimLate, rechargeOff, 15 + BOUND_US), "rig-tonic.json");
        // the stamps' microsecond at both phases' ends is the slack: 3 us more is past it
        AuditReport past = audit(delayedFrom(stimLate, rechargeOff, 15 + BOUND_US + 3), "rig-tonic.json");

        assertThat(atBound.findings("phase length")).isEmpty();
        assertThat(past.findings("phase length")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("recharge phase").contains("ran " + (300 + 15 + BOUND_US + 3) + " us"));
    }

    @Test
    void aLateSwitchOffThatItsRechargeDoesNotReturnUnbalancesThePeriodOnBothContacts() {
        int off = nth(TONIC, row("ENABLE", 0), 121);
        AuditReport report = audit(delayedFrom(TONIC, off, 10), "rig-tonic.json");

        assertThat(report.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).containsAnyOf("contact L1.2", "contact L1.3"));
        assertThat(report.unbalancedPeriods()).isEqualTo(1);
        // 10 us at 3 mA: 0.03 uC
        assertThat(Math.abs(report.worstImbalanceUc())).isCloseTo(0.03, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void anOverlongLastPhaseIsTheFaultThatEndedTheRun() {
        // cut the trace after the last stimulation phase's switch-off and put that switch-off 2 ms late
        int lastOn = nth(TONIC, row("ENABLE", 1), (int) TONIC.stream().filter(row("ENABLE", 1)).count() - 2);
        int off = nth(TONIC, row("ENABLE", 0), (int) TONIC.stream().filter(row("ENABLE", 0)).count() - 2);
        assertThat(off).isGreaterThan(lastOn);
        List<TraceRow> cut = new ArrayList<>(TONIC.subList(0, off));
        long at = TONIC.get(off).tUs() + 2_000;
        cut.add(new TraceRow(at, "ENABLE", 0));
        cut.add(new TraceRow(at, "L1_2_K", 0));
        cut.add(new TraceRow(at, "L1_3_A", 0));

        AuditReport report = audit(cut, "rig-tonic.json");

        assertThat(report.findings("phase length")).isEmpty();
        assertThat(report.endedInFault()).isTrue();
        assertThat(report.findings("discharge after stop")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("never closed"));
    }

    @Test
    void aRechargeRunPastTheBoundOnTheRunsLastPhaseIsTheFaultNotAnImbalanceOneTheRunWentOnAfterIsBoth() {
        // ENABLE's switch-offs: row 0 its initial level, then stimulation and recharge in turn; the last is a recharge
        int offs = (int) TONIC.stream().filter(row("ENABLE", 0)).count();
        int lastRechargeOff = nth(TONIC, row("ENABLE", 0), offs - 1);
        int earlierRechargeOff = nth(TONIC, row("ENABLE", 0), offs - 3);

        AuditReport faulted = audit(delayedFrom(TONIC, lastRechargeOff, 2_000), "rig-tonic.json");
        AuditReport wentOn = audit(delayedFrom(TONIC, earlierRechargeOff, 2_000), "rig-tonic.json");

        // the run faulted there: its discharge bleeds what the 2 ms returned too much (2 ms at 3 mA: 6 uC)
        assertThat(faulted.findings()).isEmpty();
        assertThat(faulted.endedInFault()).isTrue();
        assertThat(faulted.unbalancedPeriods()).isZero();
        assertThat(Math.abs(faulted.worstImbalanceUc())).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(wentOn.endedInFault()).isFalse();
        assertThat(wentOn.findings("phase length")).hasSize(1);
        assertThat(wentOn.findings("charge balance")).hasSize(2);
        assertThat(wentOn.unbalancedPeriods()).isEqualTo(1);
    }

    @Test
    void aPeriodOffBalanceWhoseReturnFellInThePeriodTheRunFaultedInIsLeftToTheDischargeAfterTheFault() {
        // the second-to-last recharge switches off 10 us late (held: owed to the next recharge), and the next recharge,
        // the run's last window, runs 2 ms past its length: the run faulted in the period that was to return it
        int offs = (int) TONIC.stream().filter(row("ENABLE", 0)).count();
        int lastRechargeOff = nth(TONIC, row("ENABLE", 0), offs - 1);
        int earlierRechargeOff = nth(TONIC, row("ENABLE", 0), offs - 3);
        List<TraceRow> owedThenFaulted = delayedFrom(delayedFrom(TONIC, earlierRechargeOff, 10), lastRechargeOff,
                2_000);
        List<TraceRow> owedAndWentOn = delayedFrom(TONIC, earlierRechargeOff, 10);

        AuditReport faulted = audit(owedThenFaulted, "rig-tonic.json");
        AuditReport wentOn = audit(owedAndWentOn, "rig-tonic.json");

        assertThat(faulted.endedInFault()).isTrue();
        assertThat(faulted.findings()).isEmpty();
        assertThat(faulted.unbalancedPeriods()).isZero();
        // the same 10 us with the last period delivered whole and not returning it: the held period is reported
        assertThat(wentOn.endedInFault()).isFalse();
        assertThat(wentOn.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("the next period did not return it"));
    }

    @Test
    void anExcessIsFollowedOverAsManyPeriodsAsTheBoundAllowsAndReportedWithWhatIsStillOwed() {
        // a recharge 400 us long (the rig's loose 1 ms bound), never given back: at the default bound (20 us over half
        // of 300 us: one period) and at 1 ms (seven periods) the excess is reported, after one and after seven periods
        int off = nth(TONIC, row("ENABLE", 0), 121);
        List<TraceRow> owed = delayedFrom(TONIC, off, 400);

        AuditReport tight = new TraceAudit(PINS, RigFixtures.example("rig-tonic.json"), BOUND_US).audit(owed);
        AuditReport loose = new TraceAudit(PINS, RigFixtures.example("rig-tonic.json"), 1_000).audit(owed);

        assertThat(tight.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).endsWith("and the next period did not return it"));
        assertThat(loose.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("and the next 7 periods did not return it (")
                        .containsAnyOf("+1.2000 uC after them", "-1.2000 uC after them"));
        assertThat(loose.unbalancedPeriods()).isEqualTo(1);
    }

    @Test
    void aBoundOfHalfARechargeIsReturnedInOnePeriodAndAMicrosecondMoreNeedsTwo() {
        // tonic's recharges are 300 us: a recharge gives back at most 150 us a period
        int off = nth(TONIC, row("ENABLE", 0), 121);
        List<TraceRow> owed = delayedFrom(TONIC, off, 400);

        AuditReport halfARecharge = new TraceAudit(PINS, RigFixtures.example("rig-tonic.json"), 150).audit(owed);
        AuditReport past = new TraceAudit(PINS, RigFixtures.example("rig-tonic.json"), 151).audit(owed);

        assertThat(halfARecharge.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).endsWith("and the next period did not return it"));
        assertThat(past.findings("charge balance")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("and the next 2 periods did not return it ("));
    }

    @Test
    void burstPulsesJoinedWithoutTheirOffTimeAreMergedPulses() {
        // the first burst: pulse 2 switched on the moment pulse 1 switched off (row 0 of ENABLE is its initial level)
        int firstOff = nth(BURST, row("ENABLE", 0), 1);
        int secondOn = nth(BURST, row("ENABLE", 1), 1);
        long gapUs = BURST.get(secondOn).tUs() - BURST.get(firstOff).tUs();
        assertThat(gapUs).isEqualTo(1_000);
        List<TraceRow> joined = new ArrayList<>();
        for (int i = 0; i < BURST.size(); i++) {
            TraceRow r = BURST.get(i);
            joined.add(i < firstOff + 1 ? r : new TraceRow(r.tUs() - gapUs, r.line(), r.value()));
        }

        AuditReport report = audit(joined, "rig-burst.json");

        assertThat(report.mergedPulses()).isEqualTo(1);
        assertThat(report.findings("merged pulses")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("0 us after", "one 2000 us phase"));
    }

    @Test
    void aContactLineThatMovesWhileEnableIsOnIsReported() {
        int on = nth(TONIC, row("ENABLE", 1), 5);
        List<TraceRow> rows = new ArrayList<>(TONIC);
        rows.add(on + 1, new TraceRow(TONIC.get(on).tUs() + 100, "L1_4_K", 1));
        rows.add(on + 2, new TraceRow(TONIC.get(on).tUs() + 101, "L1_4_K", 0));

        AuditReport report = audit(rows, "rig-tonic.json");

        assertThat(report.findings("lines steady while enabled")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("L1_4_K"));
    }

    @Test
    void aTraceThatStartsOrEndsAwayFromTheSafeLevelsFails() {
        List<TraceRow> rows = new ArrayList<>(TONIC);
        int enableAtStart = nth(rows, r -> r.line().equals("ENABLE"), 0);
        assertThat(rows.get(enableAtStart + 1).line()).isEqualTo("DISCHARGE");
        rows.set(enableAtStart + 1, new TraceRow(0, "DISCHARGE", 1));
        rows.add(enableAtStart + 2, new TraceRow(0, "DISCHARGE", 0));
        long end = rows.get(rows.size() - 1).tUs();
        rows.add(new TraceRow(end + 1, "L1_7_A", 1));

        AuditReport report = audit(rows, "rig-tonic.json");

        assertThat(report.findings("safe start")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("DISCHARGE first appears at 1"));
        assertThat(report.findings("safe end")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("L1_7_A ends at 1"));
    }

    @Test
    void theDischargeAfterTheStopMustLastFiveTimeConstants() {
        TraceAudit audit = new TraceAudit(PINS, RigFixtures.example("rig-tonic.json"), BOUND_US);
        // 1,000 Ohm x 10 uF: 10 ms, five of them
        assertThat(audit.requiredDischargeUs()).isEqualTo(50_000);
        List<TraceRow> stopped = withoutFinalDischarge(TONIC);
        long end = stopped.get(stopped.size() - 1).tUs();
        List<TraceRow> enough = new ArrayList<>(stopped);
        enough.add(new TraceRow(end + 10, "DISCHARGE", 1));
        enough.add(new TraceRow(end + 10 + 50_000, "DISCHARGE", 0));
        List<TraceRow> short1 = new ArrayList<>(stopped);
        short1.add(new TraceRow(end + 10, "DISCHARGE", 1));
        short1.add(new TraceRow(end + 10 + 49_999, "DISCHARGE", 0));

        assertThat(audit.audit(stopped).findings("discharge after stop")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("never closed"));
        assertThat(audit.audit(enough).passed()).isTrue();
        assertThat(audit.audit(short1).findings("discharge after stop")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("closed for 49999 us", "50000 us"));
    }

    @Test
    void rowsOfLinesThePinMapDoesNotNameAreIgnored() {
        List<TraceRow> rows = new ArrayList<>(TONIC);
        rows.add(1, new TraceRow(0, "I_A_MEASURED_UA", 2_990));
        rows.add(2, new TraceRow(0, "SCOPE_CH2", 1));

        assertThat(audit(rows, "rig-tonic.json").findings()).isEmpty();
    }

    @Test
    void everyDeliveredStimulationIsMarkedOnTheSyncOutputAndNothingElseIs() {
        long stimulations = TONIC.stream().filter(row("SYNC", 1)).count();
        // a 2 s tonic run at 50 Hz: one mark per stimulation phase, none for the recharges
        assertThat(stimulations).isBetween(99L, 101L);

        List<TraceRow> unmarked = new ArrayList<>(TONIC);
        int tenth = nth(unmarked, row("SYNC", 1), 10);
        unmarked.remove(tenth);
        List<TraceRow> stray = new ArrayList<>(TONIC);
        int recharge = nth(stray, row("ENABLE", 1), 41);
        long at = stray.get(recharge).tUs();
        stray.add(recharge + 1, new TraceRow(at, "SYNC", 1));
        stray.add(recharge + 2, new TraceRow(at + 5, "SYNC", 0));

        assertThat(audit(unmarked, "rig-tonic.json").findings("sync")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has no SYNC mark"));
        assertThat(audit(stray, "rig-tonic.json").findings("sync")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("where none was delivered"));
    }

    @Test
    void aSyncMarkLateInItsPulseIsOneFindingWithHowLateAtAndPastTheBound() {
        // the eleventh pulse's mark moved to 20 us (the bound) and to 64 us after its start (the pulse lasts 300 us);
        // ENABLE goes active for each stimulation and each recharge, so the eleventh pulse is its 21st window
        int mark = nth(TONIC, row("SYNC", 1), 10);
        long pulseStartUs = TONIC.get(nth(TONIC, row("ENABLE", 1), 20)).tUs();
        assertThat(TONIC.get(mark).tUs() - pulseStartUs).as("the mark is that pulse's").isBetween(0L, 3L);

        List<TraceRow> atBound = withMarkAt(mark, pulseStartUs + BOUND_US);
        List<TraceRow> late = withMarkAt(mark, pulseStartUs + 64);

        assertThat(audit(atBound, "rig-tonic.json").findings("sync")).isEmpty();
        assertThat(audit(late, "rig-tonic.json").findings("sync")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("the stimulation pulse at t=" + pulseStartUs
                        + " us was marked on SYNC 64 us after its start (bound " + BOUND_US + " us)"));
    }

    /** The tonic trace with the sync mark at {@code index} moved to {@code atUs} (rows kept in time order). */
    private static List<TraceRow> withMarkAt(int index, long atUs) {
        List<TraceRow> rows = new ArrayList<>(TONIC);
        TraceRow mark = rows.remove(index);
        int at = 0;
        while (rows.get(at).tUs() <= atUs) {
            at++;
        }
        rows.add(at, new TraceRow(atUs, mark.line(), mark.value()));
        return rows;
    }

    @Test
    void aPulseBeforeTheFirstTriggerIsReported() {
        List<TraceRow> after = new ArrayList<>(TONIC);
        after.add(1, new TraceRow(0, "TRIG", 1));
        List<TraceRow> before = new ArrayList<>(TONIC);
        int third = nth(before, row("ENABLE", 1), 2);
        before.add(third + 1, new TraceRow(before.get(third).tUs() + 1, "TRIG", 1));

        assertThat(audit(after, "rig-tonic.json").findings()).isEmpty();
        assertThat(audit(before, "rig-tonic.json").findings("trigger")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("before the first trigger"));
    }

    @Test
    void aMalformedTraceIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> TraceCsv.parse(List.of("t,line,value")))
                .hasMessageContaining("line 1").hasMessageContaining("t_us,line,value");
        assertThatThrownBy(() -> TraceCsv.parse(List.of("t_us,line,value", "0,ENABLE,0", "x,ENABLE,1")))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> TraceCsv.parse(List.of("t_us,line,value", "5,ENABLE,0", "4,ENABLE,1")))
                .hasMessageContaining("line 3").hasMessageContaining("back in time");
    }
}
