package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dorsal.rig.RigFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sources set by an MCP4822 DAC on SPI0: the default amplitude part (docs/bench-rig.md, "Setting the amplitude"). */
class PinMapCodecDacTest {

    private static String dac(String name, int chipSelect, String channel, String extra) {
        return """
                {"name": "%s", "dac": {"line": "DAC_%s", "part": "mcp4822", "chipSelect": %d, "channel": "%s",
                 "safeCode": 0 %s}, "calibration": {"maPerCode": 0.0025}}""".formatted(name, name, chipSelect, channel,
                extra);
    }

    private static String map(String buses, String sources, String sensing) {
        return """
                {"name": "test rig", "maxOnTimeUs": 1500, "busesInUse": [%s],
                 "enable": {"line": "ENABLE", "gpio": 27, "safe": 0},
                 "sources": [%s],
                 "contacts": {"L1.0": {"cathode": {"line": "K0", "gpio": 12, "safe": 0, "source": "A"},
                                       "anode": {"line": "A0", "gpio": 13, "safe": 0, "source": "B"}}}%s}
                """.formatted(buses, sources, sensing);
    }

    private static final String TWO_DACS = dac("A", 0, "A", "") + ", " + dac("B", 0, "B", "");

    private static PinMapException refused(String json) {
        return catchThrowableOfType(PinMapException.class, () -> PinMapCodec.read(json));
    }

    @Test
    void theExampleRigSetsBothSourcesWithTheDacOnCe0AndRendersEveryTenthOfAMilliampExactly() {
        PinMap map = RigFixtures.examplePins();

        assertThat(map.sources()).extracting(Source::control).containsExactly(
                new AmplitudeControl.Dac(0, 0, 2), new AmplitudeControl.Dac(0, 1, 2));
        assertThat(map.sensing().orElseThrow().chipSelect()).isEqualTo(1);
        for (Source source : map.sources()) {
            assertThat(source.calibration().steps()).isEqualTo(4095);
            assertThat(source.safeSetting()).isZero();
            // 2.5 uA a code: 3 mA is code 1200, 0.8 mA code 320, 10 mA code 4000
            assertThat(source.calibration().exactDutyFor(3_000)).isEqualTo(1200);
            assertThat(source.calibration().exactDutyFor(800)).isEqualTo(320);
            assertThat(source.calibration().exactDutyFor(10_000)).isEqualTo(4000);
            assertThat(source.calibration().maxMa()).isEqualTo(10.2375);
        }
    }

    @Test
    void readsADacSourceWithItsGain() throws PinMapException {
        PinMap map = PinMapCodec.read(map("\"spi0\"", dac("A", 1, "B", ", \"gain\": 1") + ", " + dac("B", 1, "A", ""),
                ""));

        assertThat(map.sources().get(0).control()).isEqualTo(new AmplitudeControl.Dac(1, 1, 1));
        assertThat(map.sources().get(1).control()).isEqualTo(new AmplitudeControl.Dac(1, 0, 2));
    }

    @Test
    void refusesADacWhileSpi0IsNotReservedForIt() {
        assertThat(refused(map("\"uart0\"", TWO_DACS, "")).problems())
                .contains("source 'A': the DAC sits on spi0; add \"spi0\" to busesInUse so no line takes its pins");
    }

    @Test
    void refusesADacChannelUsedTwiceAChannelThePartLacksAndAGainOtherThanOneOrTwo() {
        assertThat(refused(map("\"spi0\"", dac("A", 0, "A", "") + ", " + dac("B", 0, "A", ""), "")).problems())
                .contains("source 'B': dac channel A on chip select 0 is used twice (also by DAC_A)");
        assertThat(refused(map("\"spi0\"", dac("A", 0, "C", "") + ", " + dac("B", 0, "B", ""), "")).problems())
                .contains("source 'A': dac channel 'C'; the mcp4822 has channels A and B");
        assertThat(refused(map("\"spi0\"", dac("A", 0, "A", ", \"gain\": 3") + ", " + dac("B", 0, "B", ""), ""))
                .problems()).contains("source 'A': dac gain 3; the mcp4822 has gains 1 and 2");
        assertThat(refused(map("\"spi0\"", dac("A", 2, "A", "") + ", " + dac("B", 0, "B", ""), "")).problems())
                .contains("source 'A': dac chipSelect 2; spi0 has chip selects 0 and 1");
    }

    @Test
    void refusesTheAdcOnTheDacsChipSelect() {
        String sensing = """
                , "sensing": {"adc": "mcp3008", "chipSelect": 0, "vrefV": 3.3,
                  "sourceCurrent": {"A": {"channel": 0, "maPerVolt": 4.0}, "B": {"channel": 1, "maPerVolt": 4.0}},
                  "pathVoltage": {"channel": 2, "voltsPerVolt": 10.0, "offsetV": 1.65}}""";

        assertThat(refused(map("\"spi0\"", TWO_DACS, sensing)).problems())
                .contains("sensing.chipSelect: 0 is taken by the DAC of source 'A'; give the ADC the other chip select");
    }

    @Test
    void aSourceTakesExactlyOneOfDacOrPwm() {
        String both = """
                {"name": "A", "dac": {"line": "DAC_A", "part": "mcp4822", "chipSelect": 0, "channel": "A", "safeCode": 0},
                 "pwm": {"line": "PWM_A", "channel": 0, "gpio": 18, "frequencyHz": 20000, "safeDutyPercent": 0},
                 "calibration": {"maPerCode": 0.0025}}""";
        String neither = """
                {"name": "A", "calibration": {"maPerCode": 0.0025}}""";

        assertThat(refused(map("\"spi0\"", both + ", " + dac("B", 0, "B", ""), "")).problems())
                .contains("source 'A': give it exactly one of dac (the default part, an MCP4822 on spi0) or pwm");
        assertThat(refused(map("\"spi0\"", neither + ", " + dac("B", 0, "B", ""), "")).problems())
                .contains("source 'A': give it exactly one of dac (the default part, an MCP4822 on spi0) or pwm");
    }

    @Test
    void aDacCalibrationIsPerCodeAndItsPointsEndAtCode4095() {
        String perDuty = """
                {"name": "A", "dac": {"line": "DAC_A", "part": "mcp4822", "chipSelect": 0, "channel": "A", "safeCode": 0},
                 "calibration": {"maPerDutyPercent": 0.1}}""";
        String pointsTo100 = """
                {"name": "A", "dac": {"line": "DAC_A", "part": "mcp4822", "chipSelect": 0, "channel": "A", "safeCode": 0},
                 "calibration": {"points": [[0, 0.0], [100, 10.0]]}}""";

        assertThat(refused(map("\"spi0\"", perDuty + ", " + dac("B", 0, "B", ""), "")).problems()).contains(
                "source 'A': calibration maPerDutyPercent is for a pwm source; a dac source takes maPerCode");
        assertThat(refused(map("\"spi0\"", pointsTo100 + ", " + dac("B", 0, "B", ""), "")).problems()).contains(
                "source 'A': calibration points must be [code, mA] pairs from [0, 0] to [4095, max], code rising,"
                        + " current never falling");
    }

    /** 0 and 4095 are codes; 4096 and -1 are not; 4095 is a code but drives current. */
    @ParameterizedTest
    @ValueSource(ints = {-1, 4095, 4096})
    void theSafeCodeIsACodeThatDrivesNoCurrent(int safeCode) {
        String source = """
                {"name": "A", "dac": {"line": "DAC_A", "part": "mcp4822", "chipSelect": 0, "channel": "A",
                 "safeCode": %d}, "calibration": {"maPerCode": 0.0025}}""".formatted(safeCode);

        assertThat(refused(map("\"spi0\"", source + ", " + dac("B", 0, "B", ""), "")).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("source 'A': safe code " + safeCode)
                        .endsWith(safeCode == 4095 ? "drives current; the safe setting must drive none"
                                : "; must be 0 to 4095"));
    }
}
