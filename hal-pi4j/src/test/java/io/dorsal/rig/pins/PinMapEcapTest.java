package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dorsal.rig.RigFixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The response circuit's input in the pin map: read from the example, and refused in words when it cannot be. */
class PinMapEcapTest {

    private static String example() throws Exception {
        return Files.readString(RigFixtures.EXAMPLES.resolve("rig-pins-ecap.json"));
    }

    private static PinMapException refused(String json) {
        return catchThrowableOfType(PinMapException.class, () -> PinMapCodec.read(json));
    }

    @Test
    void readsTheResponseCircuitsChannelGainAndResetLine() throws Exception {
        Sensing sensing = PinMapCodec.read(example()).sensing().orElseThrow();

        EcapChannel ecap = sensing.ecap().orElseThrow();
        assertThat(ecap).isEqualTo(new EcapChannel(3, 100, "ECAP_RST", 22));
        // 3.3 V full scale over 1023 codes, 100 uV a volt: a code is 0.32 uV
        assertThat(sensing.ecapUv(1)).isEqualTo(3.3 / 1023 * 100);
        assertThat(sensing.ecapUv(Sensing.FULL_SCALE_CODE)).isEqualTo(330.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(PinMapCodec.read(RigFixtures.EXAMPLES.resolve("rig-pins.json")).sensing().orElseThrow().ecap())
                .as("the plain rig has no response circuit").isEmpty();
    }

    @Test
    void refusesAChannelTakenTwiceAGainOfNothingAndAResetOnAUsedGpio() throws Exception {
        String json = example();

        assertThat(refused(json.replace("\"ecap\": {\"channel\": 3", "\"ecap\": {\"channel\": 2")).problems())
                .contains("sensing.ecap.channel: 2 is used twice");
        assertThat(refused(json.replace("\"uvPerVolt\": 100", "\"uvPerVolt\": 0")).problems())
                .contains("sensing.ecap.uvPerVolt: 0.0; must be above 0");
        assertThat(refused(json.replace("\"resetGpio\": 22", "\"resetGpio\": 27")).problems())
                .anySatisfy(p -> assertThat(p).startsWith("gpio 27 is used twice"));
    }
}
