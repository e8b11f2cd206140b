package io.dorsal.rig.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import io.dorsal.rig.runtime.RigRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class RigPlanTest {

    private static final PinMap PINS = RigFixtures.examplePins();

    private static String program(String electrodes, String amplitudeMa, String recharge) {
        return """
                {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 20.0, "impedanceOhm": 500}],
                 "programs": [{"name": "p", "electrodes": {%s}, "amplitudeMa": %s, "pulseWidthUs": 100,
                   "rateHz": 50, "pattern": {"type": "tonic"}, "recharge": %s}]}
                """.formatted(electrodes, amplitudeMa, recharge);
    }

    private static List<RenderProblem> problems(ValidatedTherapy therapy, PinMap map) {
        return RigRun.renderProblems(therapy, map);
    }

    @Test
    void rendersTheExampleTonicAndBurstPrograms() {
        assertThat(problems(RigFixtures.example("rig-tonic.json"), PINS)).isEmpty();
        assertThat(problems(RigFixtures.example("rig-burst.json"), PINS)).isEmpty();
    }

    private static PinMap withMaxOnTimeUs(int us) throws Exception {
        return PinMapCodec.read(java.nio.file.Files.readString(RigFixtures.EXAMPLES.resolve("rig-pins.json"))
                .replace("\"maxOnTimeUs\": 1500", "\"maxOnTimeUs\": " + us));
    }

    @Test
    void rendersAPhaseAsLongAsTheEnableLinesHardwareCutOff() throws Exception {
        // the tonic example's stimulation and recharge phases last 300 us each
        assertThat(problems(RigFixtures.example("rig-tonic.json"), withMaxOnTimeUs(300))).isEmpty();
    }

    @Test
    void refusesAPhaseLongerThanTheEnableLinesHardwareCutOff() throws Exception {
        assertThat(problems(RigFixtures.example("rig-tonic.json"), withMaxOnTimeUs(299))).singleElement()
                .satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("rig on-time");
                    assertThat(p.message()).contains("program 'tonic'", "300 us with the enable line on",
                            "at most 299 us", "maxOnTimeUs");
                });
    }

    @Test
    void holdsOnlyTheGatedPhasesToTheCutOffNotThePassiveWindow() throws Exception {
        // burst pulses of 1,000 us are gated; the passive window after the burst is far longer but runs with the
        // enable line off (the discharge line bleeds the capacitors)
        assertThat(problems(RigFixtures.example("rig-burst.json"), withMaxOnTimeUs(1000))).isEmpty();
        assertThat(problems(RigFixtures.example("rig-burst.json"), withMaxOnTimeUs(999)))
                .singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("rig on-time"));
    }

    @Test
    void refusesMoreSimultaneousContactCurrentsThanSources() {
        // one cathode and two anodes: three contact currents in one phase on a two-source rig
        ValidatedTherapy therapy = RigFixtures.validate(program("\"L1.2\": -100, \"L1.1\": 50, \"L1.3\": 50", "4.0",
                "{\"type\": \"active\"}"));

        assertThat(problems(therapy, PINS)).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("rig sources");
            assertThat(p.message()).contains("program 'p'", "contact L1.3", "2 sources on this rig");
        });
    }

    @Test
    void refusesACurrentAboveTheCalibrationRange() {
        // 10.5 mA is safe on a 20 mm2 contact for 100 us, but the sources reach 10.24 mA at code 4095
        ValidatedTherapy therapy = RigFixtures.validate(program("\"L1.2\": -100, \"L1.3\": 100", "10.5",
                "{\"type\": \"active\"}"));

        assertThat(problems(therapy, PINS)).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("rig calibration");
            assertThat(p.message()).contains("10.5 mA", "at most 10.238 mA");
        });
    }

    @Test
    void rendersTheTopOfTheCalibrationRange() {
        ValidatedTherapy therapy = RigFixtures.validate(program("\"L1.2\": -100, \"L1.3\": 100", "10.0",
                "{\"type\": \"active\"}"));

        assertThat(problems(therapy, PINS)).isEmpty();
    }

    @Test
    void refusesACurrentTheDacCannotRenderExactly() throws Exception {
        // at 0.15 mA per code, 1.0 mA falls between code 6 (0.9 mA) and code 7 (1.05 mA)
        PinMap coarse = PinMapCodec.read(java.nio.file.Files.readString(RigFixtures.EXAMPLES.resolve("rig-pins.json"))
                .replace("\"maPerCode\": 0.0025", "\"maPerCode\": 0.15"));
        ValidatedTherapy therapy = RigFixtures.validate(program("\"L1.2\": -100, \"L1.3\": 100", "1.0",
                "{\"type\": \"active\"}"));

        assertThat(problems(therapy, coarse)).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("rig calibration");
            assertThat(p.message()).contains("1 mA on source 'A'", "a current its DAC renders exactly",
                    "0.9 mA at code 6");
        });
    }

    @Test
    void refusesPassiveRechargeOnARigWithoutADischargeLine() throws Exception {
        String json = java.nio.file.Files.readString(RigFixtures.EXAMPLES.resolve("rig-pins.json"))
                .replaceAll("\"discharge\": \\{[^}]*},", "");
        PinMap noDischarge = PinMapCodec.read(json);

        assertThat(noDischarge.dischargeLine()).isEqualTo(-1);
        assertThat(problems(RigFixtures.example("rig-burst.json"), noDischarge))
                .anySatisfy(p -> assertThat(p.rule()).isEqualTo("rig passive recharge"));
    }

    @Test
    void refusesAsymmetricActiveRechargeWhichWouldChangeASourcesCurrentInsideAPulse() {
        ValidatedTherapy therapy = RigFixtures.validate(program("\"L1.2\": -100, \"L1.3\": 100", "4.0",
                "{\"type\": \"active\", \"ratio\": 2}"));

        assertThat(problems(therapy, PINS)).anySatisfy(p -> assertThat(p.rule()).isEqualTo("rig amplitude changes"));
    }

    @Test
    void refusesAContactThatIsNotWiredOnTheRig() {
        ValidatedTherapy therapy = RigFixtures.example("two-programs.json");

        assertThat(problems(therapy, PINS)).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("rig contacts");
            assertThat(p.message()).contains("contact L2.4");
        });
    }

    @Test
    void plansSwitchOnOfTheCathodeAndAnodeLinesAndGatesDrivenPhasesOnly() {
        RigPlan plan = ((RigPlan.Result.Renderable) RigPlan.plan(
                io.dorsal.core.schedule.PulseTable.compile(RigFixtures.example("rig-burst.json")), PINS)).plan();
        io.dorsal.core.schedule.PulseTable table = plan.table();
        int firstStim = table.phaseFrom(0);
        int passiveWindow = table.phaseTo(0) - 1;

        assertThat(plan.gated(firstStim)).isTrue();
        assertThat(plan.lineCount(firstStim)).isEqualTo(2);
        assertThat(PINS.lines().get(plan.line(firstStim, 0)).name()).isEqualTo("L1_5_K");
        assertThat(PINS.lines().get(plan.line(firstStim, 1)).name()).isEqualTo("L1_6_A");
        assertThat(plan.gated(passiveWindow)).isFalse();
        assertThat(PINS.lines().get(plan.line(passiveWindow, 0)).name()).isEqualTo("DISCHARGE");
    }
}
