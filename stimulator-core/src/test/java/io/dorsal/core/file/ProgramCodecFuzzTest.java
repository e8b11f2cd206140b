package io.dorsal.core.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Therapy;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the program file reader (docs/testing.md): whatever bytes a file holds, the reader
 * gives a therapy or one problem on one line, never another exception, a hang or an exhausted heap; a therapy it gives writes
 * back to a file that reads as the same therapy, and the validator answers it with a verdict whose problems are one line each. In a plain
 * {@code mvn verify} this replays the committed corpus in {@code ProgramCodecFuzzTestInputs}; {@code scripts/fuzz}
 * fuzzes it for a chosen time.
 */
class ProgramCodecFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/core/file/program-file.dict")
    @FuzzTest
    void readsAnyBytesIntoATherapyOrOneProblem(byte[] file) throws ProgramFileException {
        String text = new String(file, StandardCharsets.UTF_8);
        Therapy therapy;
        try {
            therapy = ProgramCodec.read(text);
        } catch (ProgramFileException e) {
            assertThat(e.describe()).isNotBlank().doesNotContain("\n");
            return;
        }
        assertThat(ProgramCodec.read(ProgramCodec.write(therapy))).isEqualTo(therapy);
        if (new SafetyValidator().validate(therapy) instanceof Validation.Unsafe unsafe) {
            assertThat(unsafe.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("\n", "\r"));
        }
    }
}
