package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.rig.RigFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinMapCodecTest {

    private static final String SOURCES = """
            "sources": [
              {"name": "A", "pwm": {"line": "PWM_A", "channel": 0, "gpio": 18, "frequencyHz": 20000, "safeDutyPercent": 0},
               "calibration": {"maPerDutyPercent": 0.1}},
              {"name": "B", "pwm": {"line": "PWM_B", "channel": 1, "gpio": 19, "frequencyHz": 20000, "safeDutyPercent": 0},
               "calibration": {"points": [[0, 0.0], [100, 10.0]]}}]""";

    private static String map(String sources, String contacts) {
        return """
                {"name": "test rig", "maxOnTimeUs": 1500, "enable": {"line": "ENABLE", "gpio": 27, "safe": 0},
                 "discharge": {"line": "DISCHARGE", "gpio": 26, "safe": 0},
                 %s,
                 "contacts": {%s}}
                """.formatted(sources, contacts);
    }

    private static final String TWO_CONTACTS = """
            "L1.0": {"cathode": {"line": "K0", "gpio": 12, "safe": 0, "source": "A"},
                     "anode": {"line": "A0", "gpio": 13, "safe": 0, "source": "B"}},
            "L1.1": {"cathode": {"line": "K1", "gpio": 16, "safe": 0, "source": "A"},
                     "anode": {"line": "A1", "gpio": 5, "safe": 1, "source": "B"}}""";

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
        // the can is wired as an anode only (monopolar stimulation): the header has no more free pins
        assertThat(map.lines()).hasSize(2 + 8 * 2 + 1);
        // every line rests at its pin's boot pull: active-low on GPIO2 to 6, active-high on the rest
        assertThat(map.lines()).allSatisfy(l -> assertThat(l.safeLevel()).isEqualTo(BootLevels.bootLevel(l.bcm())));
        assertThat(map.maxOnTimeUs()).isEqualTo(1500);
        assertThat(map.busesInUse()).containsExactly(PiBus.SPI0);
        assertThat(map.sources()).extracting(Source::name).containsExactly("A", "B");
        assertThat(map.sources()).allSatisfy(s -> assertThat(s.calibration().maxMa()).isGreaterThanOrEqualTo(10.0));
        int cathode = map.lineOf(ContactId.parse("L1.2"), LineRole.CATHODE);
        assertThat(map.lines().get(cathode).source()).isEqualTo(0);
    }

    @Test
    void readsTheExamplesSyncOutputAndTriggerInput() {
        PinMap map = RigFixtures.examplePins();

        assertThat(map.sync()).contains(new SyncOutput("SYNC", 19, 0));
        assertThat(map.trigger()).contains(new TriggerInput("TRIG", 18, TriggerInput.Edge.RISING));
        assertThat(map.lines()).as("neither switches current: not contact lines").noneMatch(l ->
                l.name().equals("SYNC") || l.name().equals("TRIG"));
    }

    /** The two-contact map with a sync output and a trigger input added. */
    private static String withSyncAndTrigger(String sync, String trigger) {
        return map(SOURCES, TWO_CONTACTS).replace("\"contacts\":", "\"sync\": " + sync + ", \"trigger\": " + trigger
                + ", \"contacts\":");
    }

    @Test
    void acceptsAFallingTriggerAndAnActiveLowSyncOnAPinPulledHigh() throws PinMapException {
        PinMap map = PinMapCodec.read(withSyncAndTrigger("{\"line\": \"SYNC\", \"gpio\": 6, \"safe\": 1}",
                "{\"line\": \"TRIG\", \"gpio\": 20, \"edge\": \"falling\"}"));

        assertThat(map.sync().orElseThrow().activeLevel()).isZero();
        assertThat(map.trigger().orElseThrow().edge().activeLevel()).isZero();
    }

    @Test
    void refusesASyncOrTriggerThatBreaksTheLineRules() {
        // sync active at boot (gpio 6 is pulled high), the trigger on a gpio already used, an unknown edge
        assertThat(refused(withSyncAndTrigger("{\"line\": \"SYNC\", \"gpio\": 6, \"safe\": 0}",
                "{\"line\": \"TRIG\", \"gpio\": 12, \"edge\": \"both\"}")).problems())
                .anySatisfy(p -> assertThat(p).contains("line SYNC: gpio 6 is pulled high at boot"))
                .anySatisfy(p -> assertThat(p).contains("gpio 12 is used twice", "TRIG"))
                .anySatisfy(p -> assertThat(p).contains("trigger (TRIG): edge 'both'; must be rising or falling"));
        // the sync named like a contact line, and given a source
        assertThat(refused(withSyncAndTrigger("{\"line\": \"K0\", \"gpio\": 21, \"safe\": 0, \"source\": \"A\"}",
                "{\"line\": \"TRIG\", \"gpio\": 20, \"edge\": \"rising\"}")).problems())
                .anySatisfy(p -> assertThat(p).contains("line name K0 is used twice"))
                .anySatisfy(p -> assertThat(p).contains("a sync line takes no source"));
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
        String contacts = TWO_CONTACTS.replace("\"gpio\": 16", "\"gpio\": 12");

        assertThat(refused(map(SOURCES, contacts)).problems())
                .anySatisfy(p -> assertThat(p).contains("gpio 12 is used twice", "K0", "K1"));
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
        String contacts = TWO_CONTACTS.replace("\"gpio\": 12, \"safe\": 0", "\"gpio\": 12, \"safe\": 2");

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
        String contacts = TWO_CONTACTS.replace("\"gpio\": 16", "\"gpio\": 12").replace("\"safe\": 1", "\"safe\": 3");

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

    @Nested
    class SafeAtBoot {

        @Test
        void refusesAnActiveHighLineOnAPinPulledHighAtBoot() {
            String contacts = TWO_CONTACTS.replace("\"gpio\": 12, \"safe\": 0", "\"gpio\": 4, \"safe\": 0");

            assertThat(refused(map(SOURCES, contacts)).problems()).singleElement().satisfies(p -> assertThat(p)
                    .contains("line K0", "gpio 4 is pulled high at boot", "weakly active", "declare safe: 1"));
        }

        @Test
        void refusesAnActiveLowLineOnAPinPulledLowAtBoot() {
            String contacts = TWO_CONTACTS.replace("\"gpio\": 16, \"safe\": 0", "\"gpio\": 9, \"safe\": 1");

            assertThat(refused(map(SOURCES, contacts)).problems()).singleElement().satisfies(p -> assertThat(p)
                    .contains("line K1", "gpio 9 is pulled low at boot", "declare safe: 0"));
        }

        @Test
        void acceptsEachSideOfTheBootPullBoundary() throws PinMapException {
            String contacts = TWO_CONTACTS.replace("\"gpio\": 12, \"safe\": 0", "\"gpio\": 8, \"safe\": 1")
                    .replace("\"gpio\": 16, \"safe\": 0", "\"gpio\": 9, \"safe\": 0");

            PinMap map = PinMapCodec.read(map(SOURCES, contacts));

            assertThat(map.lines()).extracting(GpioLine::bcm).contains(8, 9);
        }

        @Test
        void refusesTheEnableLineActiveAtBootToo() {
            String json = map(SOURCES, TWO_CONTACTS).replace("\"gpio\": 27, \"safe\": 0", "\"gpio\": 6, \"safe\": 0");

            assertThat(refused(json).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("line ENABLE", "gpio 6 is pulled high at boot"));
        }
    }

    @Nested
    class BusPins {

        @Test
        void refusesALineOnTheSerialConsolesUartByDefault() {
            String contacts = TWO_CONTACTS.replace("\"gpio\": 16", "\"gpio\": 14");

            assertThat(refused(map(SOURCES, contacts)).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("line K1", "gpio 14 is uart0 TXD", "busesInUse"));
        }

        @Test
        void acceptsTheUartPinsOnceTheMapFreesTheUart() throws PinMapException {
            String json = map(SOURCES, TWO_CONTACTS.replace("\"gpio\": 16", "\"gpio\": 15"))
                    .replace("\"maxOnTimeUs\": 1500,", "\"maxOnTimeUs\": 1500, \"busesInUse\": [],");

            assertThat(PinMapCodec.read(json).busesInUse()).isEmpty();
        }

        @Test
        void refusesALineOnSpi0WhileTheDacAndAdcUseIt() {
            String json = map(SOURCES, TWO_CONTACTS.replace("\"gpio\": 16", "\"gpio\": 10"))
                    .replace("\"maxOnTimeUs\": 1500,", "\"maxOnTimeUs\": 1500, \"busesInUse\": [\"spi0\"],");

            assertThat(refused(json).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("gpio 10 is spi0 MOSI"));
        }

        @Test
        void refusesAPwmSourceOnSpi1WhileSpi1IsInUse() {
            String json = map(SOURCES, TWO_CONTACTS)
                    .replace("\"maxOnTimeUs\": 1500,", "\"maxOnTimeUs\": 1500, \"busesInUse\": [\"spi1\"],");

            assertThat(refused(json).problems())
                    .anySatisfy(p -> assertThat(p).contains("line PWM_A", "gpio 18 is spi1 CE0"))
                    .anySatisfy(p -> assertThat(p).contains("line PWM_B", "gpio 19 is spi1 MISO"));
        }

        @Test
        void refusesAnUnknownBus() {
            String json = map(SOURCES, TWO_CONTACTS)
                    .replace("\"maxOnTimeUs\": 1500,", "\"maxOnTimeUs\": 1500, \"busesInUse\": [\"can0\"],");

            assertThat(refused(json).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("unknown bus 'can0'", "spi0"));
        }
    }

    @Nested
    class MaxOnTime {

        @ParameterizedTest
        @ValueSource(ints = {PinMapCodec.MIN_MAX_ON_TIME_US, PinMapCodec.MAX_MAX_ON_TIME_US})
        void acceptsALimitAtEitherEnd(int us) throws PinMapException {
            String json = map(SOURCES, TWO_CONTACTS).replace("\"maxOnTimeUs\": 1500", "\"maxOnTimeUs\": " + us);

            assertThat(PinMapCodec.read(json).maxOnTimeUs()).isEqualTo(us);
        }

        @ParameterizedTest
        @ValueSource(ints = {PinMapCodec.MIN_MAX_ON_TIME_US - 1, PinMapCodec.MAX_MAX_ON_TIME_US + 1, 0, -5})
        void refusesALimitPastEitherEnd(int us) {
            String json = map(SOURCES, TWO_CONTACTS).replace("\"maxOnTimeUs\": 1500", "\"maxOnTimeUs\": " + us);

            assertThat(refused(json).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("maxOnTimeUs: " + us + " us", "20 to 20000 us"));
        }

        @Test
        void refusesAMapThatDeclaresNoLimit() {
            String json = map(SOURCES, TWO_CONTACTS).replace("\"maxOnTimeUs\": 1500,", "");

            assertThat(refused(json).problems()).singleElement()
                    .satisfies(p -> assertThat(p).contains("missing required field 'maxOnTimeUs'"));
        }
    }
}
