package io.dorsal.rig.pump;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the rig pump's pin map reader (docs/testing.md, target {@code pump-pins}): whatever
 * bytes the file holds, the reader gives a pin map whose lines and calibration are within their bounds, or one
 * problem on one line, never another exception, a hang or an exhausted heap. In a plain {@code mvn verify} this
 * replays the committed corpus in {@code PumpPinsFuzzTestInputs}.
 */
class PumpPinsFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/rig/pump/pump-pins.dict")
    @FuzzTest
    void readsAnyBytesIntoAPumpPinMapOrOneProblem(byte[] file) {
        PumpPins pins;
        try {
            pins = PumpPins.read(new String(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        assertThat(pins.stepBcm()).isBetween(9, 27);
        assertThat(pins.enableBcm()).isBetween(2, 8);
        assertThat(pins.ulPerStep()).isGreaterThan(0).isLessThanOrEqualTo(100);
    }
}
