package io.dorsal.core.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.SetsValidation;
import io.dorsal.core.therapy.TherapySets;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the program file reader with its program sets (docs/testing.md, target
 * {@code program-sets}): whatever bytes a file holds, {@link ProgramCodec#readSets(String)} gives the sets or one
 * problem on one line; sets it gives write back to a file that reads as the same sets, and the validator answers
 * them with problems of one line each. {@link ProgramCodecFuzzTest} reads the same bytes as the active therapy only.
 */
class ProgramSetsFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/core/file/program-file.dict")
    @FuzzTest
    void readsAnyBytesIntoProgramSetsOrOneProblem(byte[] file) throws ProgramFileException {
        String text = new String(file, StandardCharsets.UTF_8);
        TherapySets sets;
        try {
            sets = ProgramCodec.readSets(text);
        } catch (ProgramFileException e) {
            assertThat(e.describe()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        assertThat(ProgramCodec.readSets(ProgramCodec.write(sets))).isEqualTo(sets);
        if (new SafetyValidator().validate(sets) instanceof SetsValidation.Unsafe unsafe) {
            assertThat(unsafe.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("\n", "\r"));
        }
    }
}
