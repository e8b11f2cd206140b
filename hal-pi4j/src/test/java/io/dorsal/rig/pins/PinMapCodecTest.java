package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.rig.RigFixtures;
import org.junit.jupiter.api.Test;

class PinMapCodecTest {

    private static final String SOURCES = """
            "sources": [
              {"name": "A", "pwm": {"line": "PWM_A", "channel": 0, "gpio": 18, "frequencyHz": 20000, "safeDutyPercent": 0},
               "calibration": {"maPerDutyPercent": 0.1}},
              {"name": "B", "pwm": {"line": "PWM_B", "channel": 1, "gpio": 19, "frequencyHz": 20000, "safeDutyPercent": 0},
               "calibration": {"points": [[0, 0.0], [100, 10.0]]}}]""";

    private static String map(String sources, String contacts) {
        return """
                {"name": "test rig", "enable": {"line": "ENABLE", "gpio": 4, "safe": 0},
                 "discharge": {"line": "DISCHARGE", "gpio": 17, "safe": 0},
                 %s,
                 "contacts": {%s}}
                """.formatted(sources, contacts);
    }

    private static final String TWO_CONTACTS = """
            "L1.0": {"cathode": {"line": "K0", "gpio": 5, "safe": 0, "source": "A"},
                     "anode": {"line": "A0", "gpio": 6, "safe": 0, "source": "B"}},
            "L1.1": {"cathode": {"line": "K1", "gpio": 7, "safe": 0, "source": "A"},
                     "anode": {"line": "A1", "gpio": 8, "safe": 1, "source": "B"}}""";

    private static PinMapException refused(String json) {
        return catchThrowableOfType(PinMapException.class, () -> PinMapCodec.read(json));
    }

    @Test
    void readsTheExampleRigWithEveryLineItsRoleAndSafeLevel() {
        PinMap map = RigFixtures.examplePins();

        assertThat(map.enable().name()).isEqualTo("ENABLE");
        assertThat(map.dischargeLine()).isEqualTo(1);
        // 8 lead contacts and the can, each with a cathode and an anode line
        assertThat(map.contacts()).hasSize(9).contains(ContactId.CASE, ContactId.parse("L1.7"));
        assertThat(map.lines()).hasSize(2 + 9 * 2);
        assertThat(map.lines()).allSatisfy(l -> assertThat(l.safeLevel()).isZero());
        assertThat(map.sources()).extracting(Source::name).containsExactly("A", "B");
        assertThat(map.sources()).allSatisfy(s -> assertThat(s.calibration().maxMa()).isGreaterThanOrEqualTo(10.0));
        int cathode = map.lineOf(ContactId.parse("L1.2"), LineRole.CATHODE);
        assertThat(map.lines().get(cathode).source()).isEqualTo(0);
    }

    @Test
    void keepsAnActiveLowLinesSafeLevel() throws PinMapException {
        PinMap map = PinMapCodec.read(map(SOURCES, TWO_CONTACTS));

        GpioLine a1 = map.lines().get(map.lineOf(ContactId.parse("L1.1"), LineRole.ANODE));
        assertThat(a1.safeLevel()).isEqualTo(1);
        assertThat(a1.activeLevel()).isZero();
    }

    @Test
    void refusesAGpioUsedTwice() {
        String contacts = TWO_CONTACTS.replace("\"gpio\": 7", "\"gpio\": 5");

        assertThat(refused(map(SOURCES, contacts)).problems())
                .anySatisfy(p -> assertThat(p).contains("gpio 5 is used twice", "K0", "K1"));
    }

    @Test
    void refusesALineNameUsedTwice() {
        String contacts = TWO_CONTACTS.replace("\"line\": \"K1\"", "\"line\": \"K0\"");

        assertThat(refused(map(SOURCES, contacts)).problems())
                .anySatisfy(p -> assertThat(p).contains("line name K0 is used twice"));
    }

    @Test
    void refusesAContactWithNoLines() {
        assertThat(refused(map(SOURCES, TWO_CONTACTS + ", \"L1.2\": {}")).problems())
                .anySatisfy(p -> assertThat(p).contains("contact L1.2: no lines"));
    }

    @Test
    void refusesAnUnknownPwmChannelAndAPinWithoutHardwarePwm() {
        String sources = SOURCES.replace("\"channel\": 1, \"gpio\": 19", "\"channel\": 4, \"gpio\": 20");

        assertThat(refused(map(sources, TWO_CONTACTS)).problems())
                .anySatisfy(p -> assertThat(p).contains("unknown PWM channel 4"))
                .anySatisfy(p -> assertThat(p).contains("gpio 20 has no hardware PWM"));
    }

    @Test
    void refusesAPwmChannelUsedTwice() {
        String sources = SOURCES.replace("\"channel\": 1", "\"channel\": 0");

        assertThat(refused(map(sources, TWO_CONTACTS)).problems())
                .anySatisfy(p -> assertThat(p).contains("PWM channel 0 is used twice"));
    }

    @Test
    void refusesALineToAnUnknownSource() {
        String contacts = TWO_CONTACTS.replaceFirst("\"source\": \"B\"", "\"source\": \"C\"");

        assertThat(refused(map(SOURCES, contacts)).problems())
                .anySatisfy(p -> assertThat(p).contains("contact L1.0 anode line", "unknown source 'C'"));
    }

    @Test
    void refusesASafeLevelThatIsNotZeroOrOne() {
        String contacts = TWO_CONTACTS.replace("\"gpio\": 5, \"safe\": 0", "\"gpio\": 5, \"safe\": 2");

        assertThat(refused(map(SOURCES, contacts)).problems())
                .anySatisfy(p -> assertThat(p).contains("safe level 2; must be 0 or 1"));
    }

    @Test
    void refusesACalibrationThatDoesNotStartAtZeroOrFalls() {
        String sources = SOURCES.replace("[[0, 0.0], [100, 10.0]]", "[[0, 0.5], [50, 6.0], [100, 5.0]]");

        assertThat(refused(map(sources, TWO_CONTACTS)).problems())
                .anySatisfy(p -> assertThat(p).contains("source 'B'", "calibration points"));
    }

    @Test
    void refusesASafeDutyThatDrivesCurrent() {
        String sources = SOURCES.replace("\"gpio\": 18, \"frequencyHz\": 20000, \"safeDutyPercent\": 0",
                "\"gpio\": 18, \"frequencyHz\": 20000, \"safeDutyPercent\": 5");

        assertThat(refused(map(sources, TWO_CONTACTS)).problems())
                .anySatisfy(p -> assertThat(p).contains("safe duty 5% drives current"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String contacts = TWO_CONTACTS.replace("\"gpio\": 7", "\"gpio\": 5").replace("\"safe\": 1", "\"safe\": 3");

        assertThat(refused(map(SOURCES, contacts)).problems()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void reportsMalformedJsonWithItsLineAndColumn() {
        assertThat(refused("{\n  \"name\": \"x\",,\n}").problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("line 2, column"));
    }

    @Test
    void reportsAnUnknownFieldWithTheFieldsItExpects() {
        String json = map(SOURCES, TWO_CONTACTS).replace("\"name\": \"test rig\",", "\"name\": \"test rig\", \"pins\": 3,");

        assertThat(refused(json).problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("unknown field 'pins'", "enable"));
    }
}
