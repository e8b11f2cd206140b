package io.dorsal.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The impedance answer says whether each figure was measured on the rig or is the therapy file's. */
class ContactImpedanceWireTest {

    private static Messages.ContactImpedance decode(String json) throws FrameException {
        return Messages.decode(json.getBytes(StandardCharsets.UTF_8), Messages.ContactImpedance.class);
    }

    @Test
    void aMeasuredFigureAndAFilesFigureTravelAsSuch() throws FrameException {
        Messages.ContactImpedance measured = new Messages.ContactImpedance("L1.3", 5_200.0, "OPEN", true);
        Messages.ContactImpedance fromFile = new Messages.ContactImpedance("L1.3", 1_000.0, "OK");

        assertThat(decode(new String(Messages.encode(measured), StandardCharsets.UTF_8)).wasMeasured()).isTrue();
        assertThat(decode(new String(Messages.encode(fromFile), StandardCharsets.UTF_8)).wasMeasured()).isFalse();
    }

    @Test
    void anAnswerFromARigOlderThanTheFieldReadsAsTheFilesFigure() throws FrameException {
        Messages.ContactImpedance old = decode("{\"contact\": \"L1.0\", \"impedanceOhm\": 800.0, \"status\": \"OK\"}");

        assertThat(old.measured()).isNull();
        assertThat(old.wasMeasured()).isFalse();
        assertThat(old.impedanceOhm()).isEqualTo(800.0);
    }
}
