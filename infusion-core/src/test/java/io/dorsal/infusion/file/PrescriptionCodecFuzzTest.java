package io.dorsal.infusion.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the prescription file reader (docs/testing.md, target {@code prescription}): whatever
 * bytes a file holds, the reader gives a prescription or one problem on one line, never another exception, a hang or
 * an exhausted heap; a prescription it gives writes back to a file that reads as the same prescription, and the
 * validator answers it with problems of one line each. In a plain {@code mvn verify} this replays the committed
 * corpus in {@code PrescriptionCodecFuzzTestInputs}; {@code scripts/fuzz prescription SECONDS} fuzzes it.
 */
class PrescriptionCodecFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/infusion/file/prescription.dict")
    @FuzzTest
    void readsAnyBytesIntoAPrescriptionOrOneProblem(byte[] file) throws PrescriptionFileException {
        String text = new String(file, StandardCharsets.UTF_8);
        Prescription prescription;
        try {
            prescription = PrescriptionCodec.read(text);
        } catch (PrescriptionFileException e) {
            assertThat(e.describe()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        assertThat(PrescriptionCodec.read(PrescriptionCodec.write(prescription))).isEqualTo(prescription);
        if (new PrescriptionValidator().validate(prescription) instanceof PumpValidation.Unsafe unsafe) {
            assertThat(unsafe.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("\n", "\r"));
        }
    }
}
