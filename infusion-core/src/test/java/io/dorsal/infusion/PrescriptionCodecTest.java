package io.dorsal.infusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrescriptionCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"pump-morphine.json", "pump-baclofen-flexible.json", "pump-constant-flow.json"})
    void everyBundledExampleReadsValidatesAndReadsBackAsWritten(String name) throws Exception {
        Prescription p = Fixtures.example(name);
        assertThat(new PrescriptionValidator().validate(p)).isInstanceOf(PumpValidation.Safe.class);
        assertThat(PrescriptionCodec.read(PrescriptionCodec.write(p))).isEqualTo(p);
    }

    @Test
    void refusesAnUnknownModeNamingTheKnownOnes() throws IOException {
        String json = Files.readString(Fixtures.examples().resolve("pump-morphine.json"))
                .replace("\"continuous\"", "\"bolusOnly\"");
        assertThatThrownBy(() -> PrescriptionCodec.read(json)).isInstanceOfSatisfying(PrescriptionFileException.class,
                e -> assertThat(e.describe()).contains("unknown type 'bolusOnly'; expected stopped, continuous,"
                        + " flexible, minimumRate or constantFlow"));
    }

    @Test
    void saysAWrongValueAndWhatWasFoundOnOneLine() throws IOException {
        String json = Files.readString(Fixtures.examples().resolve("pump-morphine.json"))
                .replace("\"dosePerDay\": 3", "\"dosePerDay\": \"3\\nmg\"");
        assertThatThrownBy(() -> PrescriptionCodec.read(json)).isInstanceOfSatisfying(PrescriptionFileException.class,
                e -> assertThat(e.describe()).contains("mode.dosePerDay: expected a number, found \"3\\nmg\"")
                        .doesNotContain("\n"));
    }

    @Test
    void refusesADoseUnitThatIsNotTheDrugs() throws IOException {
        String json = Files.readString(Fixtures.examples().resolve("pump-morphine.json")).replace("\"mg\"", "\"mcg\"");
        assertThatThrownBy(() -> PrescriptionCodec.read(json)).isInstanceOfSatisfying(PrescriptionFileException.class,
                e -> assertThat(e.describe()).isEqualTo("line 3, column 41: drug.unit: morphine is prescribed in mg,"
                        + " not 'mcg' (a unit mix-up is a thousandfold dose error)"));
    }

    @Test
    void refusesAnUnknownFieldNamingTheKnownOnes() throws IOException {
        String json = Files.readString(Fixtures.examples().resolve("pump-morphine.json"))
                .replace("\"dosePerDay\": 3", "\"dosePerDay\": 3, \"ratePerDay\": 1");
        assertThatThrownBy(() -> PrescriptionCodec.read(json)).isInstanceOfSatisfying(PrescriptionFileException.class,
                e -> assertThat(e.describe()).contains("mode.ratePerDay: unknown field 'ratePerDay'; expected one of [dosePerDay]"));
    }

    @Test
    void refusesAnUnknownDrugAndABadTimeOfDay() throws IOException {
        String morphine = Files.readString(Fixtures.examples().resolve("pump-morphine.json"));
        assertThatThrownBy(() -> PrescriptionCodec.read(morphine.replace("\"morphine\"", "\"morfine\"")))
                .hasMessageStartingWith("unknown drug 'morfine'; known drugs: morphine, hydromorphone");
        String flexible = Files.readString(Fixtures.examples().resolve("pump-baclofen-flexible.json"));
        assertThatThrownBy(() -> PrescriptionCodec.read(flexible.replace("\"07:00\"", "\"7am\"")))
                .isInstanceOfSatisfying(PrescriptionFileException.class, e -> assertThat(e.describe())
                        .endsWith("mode.steps[1].start: expected a time of day HH:MM from 00:00 to 23:59, found \"7am\""));
    }

    @Test
    void refusesNullsAndStringsForNumbers() throws IOException {
        String json = Files.readString(Fixtures.examples().resolve("pump-morphine.json"));
        assertThatThrownBy(() -> PrescriptionCodec.read(json.replace("\"dosePerDay\": 3", "\"dosePerDay\": \"3\"")))
                .isInstanceOf(PrescriptionFileException.class).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> PrescriptionCodec.read(json.replace("\"maxPerDay\": 4", "\"maxPerDay\": 4.5")))
                .isInstanceOf(PrescriptionFileException.class).hasMessageContaining("expected a whole number");
    }

    @Test
    void refusesAFileOverTheSizeBoundBeforeReadingItWhole(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        Files.writeString(big, " ".repeat(PrescriptionCodec.MAX_FILE_BYTES) + "{}");
        assertThatThrownBy(() -> PrescriptionCodec.read(big)).isInstanceOf(PrescriptionFileException.class)
                .hasMessageContaining("larger than 65536 bytes");
        // at the bound: read (and refused for what it says, not for its size)
        Files.writeString(big, " ".repeat(PrescriptionCodec.MAX_FILE_BYTES - 2) + "{}");
        assertThatThrownBy(() -> PrescriptionCodec.read(big)).isInstanceOf(PrescriptionFileException.class)
                .hasMessageContaining("missing required field");
    }

    @Test
    void refusesNestingDeeperThanTheBound() {
        String deep = "{\"pump\":" + "[".repeat(PrescriptionCodec.MAX_NESTING_DEPTH + 1)
                + "]".repeat(PrescriptionCodec.MAX_NESTING_DEPTH + 1) + "}";
        assertThatThrownBy(() -> PrescriptionCodec.read(deep)).isInstanceOf(PrescriptionFileException.class)
                .hasMessageContaining("nested more than 16 levels deep; limit 16 levels");
        String longString = "{\"pump\": \"" + "x".repeat(PrescriptionCodec.MAX_STRING_LENGTH + 1) + "\"}";
        assertThatThrownBy(() -> PrescriptionCodec.read(longString)).isInstanceOf(PrescriptionFileException.class)
                .hasMessageContaining("a string longer than 1,000 characters; limit 1,000 characters");
    }

}
