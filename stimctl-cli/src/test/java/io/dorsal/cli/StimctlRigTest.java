package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StimctlRigTest {

    private static final String EXAMPLES = Path.of("..", "examples").toString();
    private static final String PINS = EXAMPLES + "/rig-pins.json";

    @TempDir
    Path dir;



    @Test
    void runsTheTonicExampleOnTheMockAndPrintsTheTimingFiguresAndATrace() throws Exception {
        Path trace = dir.resolve("t.csv");

        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "2",
                "--trace", trace.toString(), "--virtual-time");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("events delivered  200 phases", "misses            0",
                "lateness us       p50", "p99", "p99.9", "max", "every line at its safe level",
                "audit             passed: 0 of 100 periods unbalanced, 0 merged pulse(s)");
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines.get(0)).isEqualTo("t_us,line,value");
        // every line's safe level at t=0 first: 19 GPIO lines (active-low ones rest at 1) and 2 PWM lines at duty 0
        java.util.Map<String, Integer> safe = new java.util.HashMap<>();
        io.dorsal.rig.RigFixturesForCli.pins().lines().forEach(l -> safe.put(l.name(), l.safeLevel()));
        assertThat(lines.subList(1, 22)).allSatisfy(l -> {
            String[] cells = l.split(",");
            assertThat(cells[0]).isEqualTo("0");
            assertThat(Integer.parseInt(cells[2])).as(cells[1]).isEqualTo(safe.getOrDefault(cells[1], 0));
        });
        assertThat(lines.subList(1, 22)).anySatisfy(l -> assertThat(l).isEqualTo("0,L1_0_K,1"));
        assertThat(lines).contains("500,L1_2_K,1", "800,L1_2_K,0");
    }

    @Test
    void aFivePulseTrainEndsAfterItsFifthRechargeDischargedAndMarkedOnTheSyncLine() throws Exception {
        Path trace = dir.resolve("five.csv");

        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "2",
                "--pulses", "5", "--trace", trace.toString(), "--virtual-time");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("events delivered  10 phases", "pulses delivered  5",
                "ended             5 pulses delivered; every line at its safe level", "audit             passed");
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines.stream().filter(l -> l.endsWith(",SYNC,1"))).hasSize(5);
        assertThat(lines.stream().filter(l -> l.endsWith(",DISCHARGE,1"))).hasSize(1);
    }

    @Test
    void closedLoopHoldsTheTargetThroughTheResponseCircuitAndNeedsItsInput() {
        CliRun closed = stimctl("rig", "run", EXAMPLES + "/closed-loop-tonic.json", "--pins",
                EXAMPLES + "/rig-pins-ecap.json", "--mock", "--duration-s", "4", "--closed-loop", "--virtual-time");
        CliRun nearer = stimctl("rig", "run", EXAMPLES + "/closed-loop-tonic.json", "--pins",
                EXAMPLES + "/rig-pins-ecap.json", "--mock", "--duration-s", "4", "--closed-loop", "--mock-distance",
                "1.5", "--virtual-time");
        CliRun noCircuit = stimctl("rig", "run", EXAMPLES + "/closed-loop-tonic.json", "--pins", PINS, "--mock",
                "--duration-s", "1", "--closed-loop", "--virtual-time");
        CliRun noLoop = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", EXAMPLES + "/rig-pins-ecap.json",
                "--mock", "--duration-s", "1", "--closed-loop", "--virtual-time");

        assertThat(closed.exitCode()).as(closed.out() + closed.err()).isZero();
        assertThat(closed.out()).contains("closed loop       'tonic' holds 25.0 uV")
                .contains("closed loop       closed at 3.1").contains("0 saturated, 0 failed")
                .contains("audit             passed");
        assertThat(nearer.out()).contains("closed loop       closed at 2.9");
        assertThat(noCircuit.exitCode()).isEqualTo(1);
        assertThat(noCircuit.err()).contains("--closed-loop needs the response circuit's input in the pin map");
        assertThat(noLoop.exitCode()).isEqualTo(1);
        assertThat(noLoop.err()).contains("--closed-loop needs the file's \"closedLoop\"");
    }

    @Test
    void verifyMeasuresEverySourcesChargeAPulseAndFailsAMiscalibratedSource() {
        CliRun good = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "3",
                "--verify", "--virtual-time");
        // the simulated source A drives 80 % of what its calibration says: the series path carries that current
        CliRun off = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "3",
                "--verify", "--mock-source-gain", "A=0.8", "--virtual-time");
        CliRun tooShort = stimctl("rig", "run", EXAMPLES + "/rig-hf10k.json", "--pins", PINS, "--mock", "--duration-s",
                "1", "--verify", "--virtual-time");

        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).contains("verify            program 'tonic' source A (L1.2-)",
                "against 0.900 uC programmed", "source B (L1.3+)").doesNotContain("OUTSIDE");
        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.out()).contains("0.720 uC a pulse measured against 0.900 uC programmed (-20.0 %", "OUTSIDE");
        assertThat(off.err()).contains("--verify FAILED");
        assertThat(tooShort.exitCode()).isEqualTo(1);
        assertThat(tooShort.out()).contains("verify            nothing measured");
    }

    @Test
    void aTriggeredRunWithoutATriggerInTheMapOrWithANonPositiveCountIsRefused() throws Exception {
        Path noTrigger = dir.resolve("pins.json");
        Files.writeString(noTrigger, Files.readString(Path.of(PINS))
                .replaceAll("(?m)^\\s*\"trigger\".*\\n", ""));

        CliRun refused = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", noTrigger.toString(), "--mock",
                "--duration-s", "1", "--trigger", "--virtual-time");
        CliRun zero = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--pulses", "0", "--virtual-time");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("--trigger needs a trigger input in the pin map", "nothing was run");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--pulses must be 1 or more, was 0");
    }

    @Test
    void runsTheTenKilohertzExampleOnTheMockAndItsTraceAuditsClean() {
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-hf10k.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--virtual-time");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        // 10,000 periods of a stimulation and a recharge phase, each contact balanced in every one
        assertThat(run.out()).contains("events delivered  20000 phases", "overrun bound 20 us",
                "audit             passed: 0 of 10000 periods unbalanced, 0 merged pulse(s)");
    }

    @Test
    void aRealTimeMockRunNeverExitsZeroOverATraceThatFailsRigAudit() throws Exception {
        // on the real clock of a shared machine the run may fault, overrun or go clean; whichever it does, its exit
        // code must agree with what `rig audit` says of its trace at the rig's bound
        Path trace = dir.resolve("t.csv");

        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--trace", trace.toString());
        CliRun audit = stimctl("rig", "audit", trace.toString(), "--pins", PINS, EXAMPLES + "/rig-tonic.json");

        assertThat(audit.exitCode()).as(audit.out() + audit.err()).isIn(0, Stimctl.EXIT_REFUSED);
        if (audit.exitCode() != 0) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Stimctl.EXIT_REFUSED);
            assertThat(run.out()).contains("audit             FAILED");
        }
        if (run.exitCode() == 0) {
            assertThat(run.out()).contains("audit             passed");
        } else {
            assertThat(run.err()).containsAnyOf("stimctl: rig fault:", "own audit FAILED");
        }
    }

    @Test
    void runsTheBurstExampleOnTheMock() {
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-burst.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--virtual-time");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 40 bursts of 5 pulses and a passive window each
        assertThat(run.out()).contains("events delivered  240 phases");
    }

    @Test
    void refusesAProgramTheRigCannotRenderWithTheReasonAndRunsNothing() {
        CliRun run = stimctl("rig", "run", EXAMPLES + "/two-programs.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--virtual-time");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("(rule: rig sources)", "(rule: rig contacts)", "nothing was run");
    }

    @Test
    void refusesAnInconsistentPinMapBeforeTouchingAPin() throws IOException {
        Path pins = dir.resolve("pins.json");
        Files.writeString(pins, Files.readString(Path.of(PINS)).replace("\"gpio\": 6,", "\"gpio\": 5,"));

        CliRun run = stimctl("rig", "selftest", "--pins", pins.toString(), "--mock");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("gpio 5 is used twice", "no pin was touched");
    }

    @Test
    void impedanceMeasuresEveryContactOnTheSimulatedLoad() {
        CliRun run = stimctl("rig", "impedance", "--pins", PINS, "--mock");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("L1.0", "CASE", "ok", "every line left at its safe level").doesNotContainPattern("Ohm  (open|short)");
    }

    @Test
    void impedanceFlagsAnOpenContactAndExitsOne() {
        CliRun run = stimctl("rig", "impedance", "--pins", PINS, "--mock", "--mock-load", "L1.3=5200");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.out()).containsPattern("L1\\.3 +5\\d{3} Ohm  open");
        assertThat(run.err()).contains("1 contact(s) flagged: [L1.3 open]");
    }

    @Test
    void selfTestReportsEveryLineOk() {
        CliRun run = stimctl("rig", "selftest", "--pins", PINS, "--mock");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ENABLE", "DAC_A", "CASE_A", "source B", "1.006 mA, path 2003 Ohm", " 0 failed");
        assertThat(run.out()).doesNotContain("FAILED");
    }

    @Test
    void checkWithPinsSaysWhetherTheRigRendersTheTherapy() {
        CliRun renders = stimctl("check", EXAMPLES + "/rig-burst.json", "--pins", PINS);
        CliRun cannot = stimctl("check", EXAMPLES + "/two-programs.json", "--pins", PINS);

        assertThat(renders.exitCode()).isZero();
        assertThat(renders.out()).contains("renders it exactly");
        assertThat(cannot.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(cannot.err()).contains("cannot render it exactly");
    }

    @Test
    void virtualTimeNeedsTheMock() {
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--duration-s", "1",
                "--virtual-time");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
    }

    @Test
    void theRealTimeThreadsPriorityIsOneTo99AndItsCpuNotNegative() {
        for (String[] bad : new String[][] {{"--rt-fifo", "0"}, {"--rt-fifo", "100"}, {"--rt-cpu", "-1"}}) {
            CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--duration-s", "1",
                    "--mock", bad[0], bad[1]);

            assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(Stimctl.EXIT_USAGE);
            assertThat(run.err()).contains(bad[0] + " must be");
        }
    }

    @Test
    void placingTheRealTimeThreadNeedsTheRealClock() {
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--duration-s", "1",
                "--mock", "--virtual-time", "--rt-cpu", "0");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(run.err()).contains("need the real clock");
    }

    @Test
    void auditsTheTraceOfARunAndPassesIt() throws Exception {
        Path trace = dir.resolve("t.csv");
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-burst.json", "--pins", PINS, "--mock", "--duration-s", "1",
                "--trace", trace.toString(), "--virtual-time");
        assertThat(run.exitCode()).as(run.err()).isZero();

        CliRun audit = stimctl("rig", "audit", trace.toString(), "--pins", PINS, EXAMPLES + "/rig-burst.json");

        assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
        assertThat(audit.out()).contains("0 merged pulse(s)", "0 of 40 periods unbalanced", "audit passed");
    }

    @Test
    void aTraceWithAPhaseRunLongFailsTheAuditWithOneLinePerViolation() throws Exception {
        Path trace = dir.resolve("t.csv");
        CliRun run = stimctl("rig", "run", EXAMPLES + "/rig-tonic.json", "--pins", PINS, "--mock", "--duration-s", "2",
                "--trace", trace.toString(), "--virtual-time");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the last stimulation phase before 1.5 s switched off 400 us late (and every later row with it)
        List<String> lines = Files.readAllLines(trace);
        int off = -1;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (Long.parseLong(cells[0]) < 1_500_000 && cells[1].equals("ENABLE") && cells[2].equals("1")) {
                off = i + 1;
            }
        }
        assertThat(lines.get(off)).contains(",ENABLE,0");
        for (int i = off; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            lines.set(i, (Long.parseLong(cells[0]) + 400) + "," + cells[1] + "," + cells[2]);
        }
        Path late = dir.resolve("late.csv");
        Files.write(late, lines);

        CliRun audit = stimctl("rig", "audit", late.toString(), "--pins", PINS, EXAMPLES + "/rig-tonic.json");

        assertThat(audit.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(audit.out().lines().filter(l -> l.startsWith("t=")).toList()).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("phase length", "ran 700 us against 300 us programmed"))
                .anySatisfy(l -> assertThat(l).contains("charge balance", "contact L1.2"))
                .anySatisfy(l -> assertThat(l).contains("charge balance", "contact L1.3"));
        assertThat(audit.out()).contains("1 of 100 periods unbalanced", "audit FAILED: 3 violation(s)");
    }

    @Test
    void aTraceThatIsNotOneIsRefusedWithItsLineNumber() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t_us,line,value\n0,ENABLE,0\nsoon,ENABLE,1\n");

        CliRun audit = stimctl("rig", "audit", bad.toString(), "--pins", PINS, EXAMPLES + "/rig-tonic.json");

        assertThat(audit.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(audit.err()).contains("bad.csv: line 3").doesNotContain("Exception");
    }
}
