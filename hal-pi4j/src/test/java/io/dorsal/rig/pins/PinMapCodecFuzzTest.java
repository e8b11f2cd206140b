package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the pin map reader (docs/testing.md): whatever bytes a pin map holds, the reader
 * gives a pin map or its problems, one line each, never another exception, a hang or an exhausted heap. In a plain
 * {@code mvn verify} this replays the committed corpus in {@code PinMapCodecFuzzTestInputs}; {@code scripts/fuzz}
 * fuzzes it for a chosen time.
 */
class PinMapCodecFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/rig/pins/pin-map.dict")
    @FuzzTest
    void readsAnyBytesIntoAPinMapOrItsProblems(byte[] file) {
        try {
            PinMap map = PinMapCodec.read(new String(file, StandardCharsets.UTF_8));
            assertThat(map).isNotNull();
        } catch (PinMapException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\n"));
        }
    }
}
