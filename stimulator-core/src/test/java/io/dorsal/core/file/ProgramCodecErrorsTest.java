package io.dorsal.core.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dorsal.core.therapy.DeviceLimits;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Malformed program files: each is refused with one line that says what is wrong, where (line and column,
 * counted here from the text itself) and in which field, without any stack trace or class names.
 */
class ProgramCodecErrorsTest {

    private static final String TWO = Examples.text("two-programs.json");
    private static final String BURST = Examples.text("burst.json");

    /** Line and column, from 1, of where {@code needle} starts in {@code text} (its {@code nth} occurrence). */
    private record Position(int line, int column) {

        static Position of(String text, String needle, int nth) {
            int at = -1;
            for (int i = 0; i < nth; i++) {
                at = text.indexOf(needle, at + 1);
                if (at < 0) {
                    throw new IllegalArgumentException("'" + needle + "' is not " + nth + " times in the text");
                }
            }
            return at(text, at);
        }

        static Position of(String text, String needle) {
            return of(text, needle, 1);
        }

        static Position at(String text, int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Position(line, offset - lineStart + 1);
        }

        /** Just past the last character. */
        static Position end(String text) {
            return at(text, text.length());
        }
    }

    /** two-programs.json with a limits object first in the top-level object. */
    private static String withLimits(String limitsObject) {
        return replaceOnce(TWO, "{\n  \"leads\"", "{\n  \"limits\": " + limitsObject + ",\n  \"leads\"");
    }

    private static String replaceOnce(String text, String old, String replacement) {
        assertThat(text).as("the example holds the text to replace").contains(old);
        return text.replaceFirst(java.util.regex.Pattern.quote(old),
                java.util.regex.Matcher.quoteReplacement(replacement));
    }

    /** The line of the first program's opening brace in (an edit of) two-programs.json: the line before its name. */
    private static int firstProgramOpens(String text) {
        return Position.of(text, "\"name\": \"low-back\"").line() - 1;
    }

    /** The line of its closing brace: two lines before the second program's name. */
    private static int firstProgramCloses(String text) {
        return Position.of(text, "\"name\": \"left-leg\"").line() - 2;
    }

    /** Reads and expects one clean, one-line refusal. */
    private static ProgramFileException refused(String text) {
        Throwable thrown = catchThrowable(() -> ProgramCodec.read(text));

        assertThat(thrown).isInstanceOf(ProgramFileException.class);
        ProgramFileException e = (ProgramFileException) thrown;
        assertThat(e.describe()).as("one line, no stack trace, no class names")
                .doesNotContain("\n", "\r", "Exception", "\tat ", "com.fasterxml", "io.dorsal", "FileForm", "$")
                .isNotBlank();
        assertThat(e.describe()).endsWith(e.problem());
        return e;
    }

    private static void assertAt(ProgramFileException e, Position expected) {
        assertThat(new Position(e.line(), e.column())).as(e.describe()).isEqualTo(expected);
        assertThat(e.describe()).startsWith("line " + expected.line() + ", column " + expected.column() + ": ");
    }

    /** The parser stops just past a token it cannot read: the column is at the token or right after it. */
    private static void assertAtOrJustPast(ProgramFileException e, Position tokenStart, int tokenLength) {
        assertThat(e.line()).as(e.describe()).isEqualTo(tokenStart.line());
        assertThat(e.column()).as(e.describe()).isBetween(tokenStart.column(), tokenStart.column() + tokenLength);
    }

    @Test
    void refusesTextThatIsNotJsonAtAll() {
        ProgramFileException e = refused("hello world");

        assertAtOrJustPast(e, new Position(1, 1), "hello".length());
        assertThat(e.problem()).startsWith("not valid JSON").contains("'hello'");
        assertThat(e.path()).isEmpty();
    }

    @Test
    void refusesTruncatedJsonWhereTheTextEnds() {
        // given the file cut off after the first program's amplitude
        String text = TWO.substring(0, TWO.indexOf("\"amplitudeMa\": 4.0,") + "\"amplitudeMa\": 4.0,".length());

        ProgramFileException e = refused(text);

        assertAt(e, Position.end(text));
        assertThat(e.problem()).startsWith("not valid JSON").contains("end-of-input");
    }

    @Test
    void refusesJsonCutInsideAString() {
        String text = TWO.substring(0, TWO.indexOf("low-back") + 3);

        ProgramFileException e = refused(text);

        assertAt(e, Position.end(text));
    }

    @Test
    void refusesAnUnknownFieldAtTheFieldListingTheExpectedOnes() {
        // given a misspelt "rampS"
        String text = replaceOnce(TWO, "\"rampS\": 2", "\"rampz\": 2");

        // when
        ProgramFileException e = refused(text);

        // then
        assertAt(e, Position.of(text, "\"rampz\""));
        assertThat(e.path()).isEqualTo("programs[0].rampz");
        assertThat(e.problem()).startsWith("unknown field 'rampz'; expected one of")
                .contains("amplitudeMa", "cycle", "electrodes", "name", "patientRange", "pattern", "pulseWidthUs",
                        "rampS", "rateHz", "recharge");
    }

    @Test
    void refusesAnUnknownFieldInsideANestedObject() {
        String text = replaceOnce(BURST, "\"burstRateHz\": 40", "\"burstRateHz\": 40, \"jitterUs\": 5");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"jitterUs\""));
        assertThat(e.path()).isEqualTo("programs[0].pattern.jitterUs");
        assertThat(e.problem()).contains("burstRateHz", "intraBurstRateHz", "pulsesPerBurst");
    }

    @Test
    void refusesAStringWhereANumberBelongs() {
        String text = replaceOnce(TWO, "\"pulseWidthUs\": 300", "\"pulseWidthUs\": \"300\"");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"300\""));
        assertThat(e.path()).isEqualTo("programs[0].pulseWidthUs");
        assertThat(e.problem()).isEqualTo("expected a whole number, found \"300\"");
    }

    @Test
    void refusesAStringWhereADecimalBelongs() {
        String text = replaceOnce(TWO, "\"amplitudeMa\": 4.0", "\"amplitudeMa\": \"4.0\"");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"4.0\""));
        assertThat(e.problem()).isEqualTo("expected a number, found \"4.0\"");
    }

    @Test
    void refusesAFractionWhereAWholeNumberBelongs() {
        String text = replaceOnce(TWO, "\"pulseWidthUs\": 300", "\"pulseWidthUs\": 300.5");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "300.5"));
        assertThat(e.path()).isEqualTo("programs[0].pulseWidthUs");
        assertThat(e.problem()).isEqualTo("expected a whole number, found 300.5");
    }

    @Test
    void refusesAFractionalPercentage() {
        String text = replaceOnce(TWO, "\"L1.1\": 50", "\"L1.1\": 50.5");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "50.5"));
        assertThat(e.problem()).isEqualTo("expected a whole number, found 50.5");
    }

    @Test
    void refusesAMissingRequiredFieldInTheObjectThatLacksIt() {
        // given the first program without its amplitude
        String text = replaceOnce(TWO, "\"amplitudeMa\": 4.0,", "");

        ProgramFileException e = refused(text);

        assertThat(e.line()).as(e.describe()).isBetween(firstProgramOpens(text), firstProgramCloses(text));
        assertThat(e.path()).isEqualTo("programs[0].amplitudeMa");
        assertThat(e.problem()).isEqualTo("missing required field 'amplitudeMa'");
    }

    @Test
    void refusesAnUnknownPatternType() {
        String text = replaceOnce(TWO, "{\"type\": \"tonic\"}", "{\"type\": \"sine\"}");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"sine\""));
        assertThat(e.path()).isEqualTo("programs[0].pattern");
        assertThat(e.problem()).isEqualTo("unknown type 'sine'; expected tonic, highFrequency or burst");
    }

    @Test
    void refusesAPatternWithoutAType() {
        String text = replaceOnce(TWO, "{\"type\": \"tonic\"}", "{}");

        ProgramFileException e = refused(text);

        assertThat(e.line()).isEqualTo(Position.of(text, "\"pattern\": {}").line());
        assertThat(e.problem()).isEqualTo("missing 'type'");
    }

    @Test
    void refusesARateOnABurstProgram() {
        String text = replaceOnce(BURST, "\"pulseWidthUs\": 1000,", "\"pulseWidthUs\": 1000, \"rateHz\": 40,");

        ProgramFileException e = refused(text);

        assertThat(e.line()).isBetween(Position.of(text, "\"name\": \"burst\"").line(), Position.end(text).line());
        assertThat(e.path()).isEqualTo("programs[0]");
        assertThat(e.problem()).contains("burst program takes no rateHz");
    }

    @Test
    void refusesATonicProgramWithoutARate() {
        String text = replaceOnce(TWO, "\"rateHz\": 50,", "");

        ProgramFileException e = refused(text);

        assertThat(e.line()).as(e.describe()).isBetween(firstProgramOpens(text), firstProgramCloses(text));
        assertThat(e.path()).isEqualTo("programs[0]");
        assertThat(e.problem()).contains("rateHz is required for a tonic pattern");
    }

    @Test
    void refusesADuplicatedKey() {
        String text = replaceOnce(TWO, "\"rampS\": 2", "\"rampS\": 2, \"rampS\": 3");

        ProgramFileException e = refused(text);

        assertAtOrJustPast(e, Position.of(text, "\"rampS\"", 2), "\"rampS\"".length());
        assertThat(e.problem()).contains("Duplicate field 'rampS'");
    }

    @Test
    void refusesADuplicatedContact() {
        String text = replaceOnce(TWO, "\"L1.1\": 50,", "\"L1.1\": 50, \"L1.1\": 50,");

        ProgramFileException e = refused(text);

        assertAtOrJustPast(e, Position.of(text, "\"L1.1\"", 2), "\"L1.1\"".length());
        assertThat(e.problem()).contains("'L1.1'");
    }

    @Test
    void refusesABadContactNameInContactIdsOwnWords() {
        String text = replaceOnce(TWO, "\"L1.2\"", "\"L1-2\"");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"L1-2\""));
        assertThat(e.path()).isEqualTo("programs[0].electrodes");
        assertThat(e.problem()).isEqualTo("'L1-2' is not a contact name: write <lead>.<index> such as L1.2, or CASE");
    }

    @Test
    void refusesAnotherDocumentAfterTheFirst() {
        String text = TWO + "{}";

        ProgramFileException e = refused(text);

        assertAt(e, Position.at(text, TWO.length()));
        assertThat(e.problem()).isEqualTo("unexpected text after the end of the document");
    }

    @Test
    void refusesTrailingGarbage() {
        String text = TWO + " xyz";

        ProgramFileException e = refused(text);

        assertAtOrJustPast(e, Position.at(text, TWO.length() + 1), "xyz".length());
        assertThat(e.problem()).contains("'xyz'");
    }

    @Test
    void refusesAnEmptyFile() {
        ProgramFileException e = refused("");

        assertAt(e, new Position(1, 1));
        assertThat(e.problem()).startsWith("the file is empty");
    }

    @Test
    void refusesAFileOfOnlyWhitespace() {
        assertThat(refused("  \n\t ").problem()).startsWith("the file is empty");
    }

    @Test
    void refusesADocumentThatIsOnlyNull() {
        assertThat(refused("null").problem()).contains("null");
    }

    @Test
    void refusesADocumentThatIsAList() {
        ProgramFileException e = refused("[]");

        assertAt(e, new Position(1, 1));
        assertThat(e.problem()).isEqualTo("expected an object {...}, found a list [...]");
    }

    @Test
    void refusesAnExplicitNullForAnOptionalField() {
        // docs/program-format.md: null is an error; an optional field is left out instead
        String text = replaceOnce(TWO, "\"rampS\": 2", "\"rampS\": null");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "null"));
        assertThat(e.path()).isEqualTo("programs[0].rampS");
        assertThat(e.problem()).contains("null is not allowed");
    }

    @Test
    void refusesAnExplicitNullForARequiredNumber() {
        String text = replaceOnce(TWO, "\"pulseWidthUs\": 300", "\"pulseWidthUs\": null");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "null"));
        assertThat(e.problem()).isEqualTo("expected a whole number, found null");
    }

    @Test
    void refusesAnUnknownLimitAtItsNameListingTheKnownOnes() {
        String text = withLimits("{\"maxPrograms\": 2, \"maxFoo\": 3}");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"maxFoo\""));
        assertThat(e.path()).isEqualTo("limits.maxFoo");
        String[] known = Arrays.stream(DeviceLimits.class.getRecordComponents()).map(RecordComponent::getName)
                .toArray(String[]::new);
        assertThat(e.problem()).startsWith("unknown limit 'maxFoo'").contains(known);
    }

    @Test
    void refusesAFractionForAWholeNumberLimitAtItsValue() {
        String text = withLimits("{\"maxShannonK\": 1.5,\n    \"maxPrograms\": 2.5}");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "2.5"));
        assertThat(e.path()).isEqualTo("limits.maxPrograms");
        assertThat(e.problem()).isEqualTo("expected a whole number, found 2.5");
    }

    @Test
    void refusesAWholeNumberLimitTooLargeForTheDevice() {
        // 2^32 + 2 would wrap to 2 if it were cut to 32 bits
        String text = withLimits("{\"maxPrograms\": 4294967298}");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "4294967298"));
        assertThat(e.path()).isEqualTo("limits.maxPrograms");
    }

    @Test
    void refusesAStringForALimit() {
        String text = withLimits("{\"maxPrograms\": \"2\"}");

        ProgramFileException e = refused(text);

        assertAt(e, Position.of(text, "\"2\""));
        assertThat(e.problem()).isEqualTo("expected a number, found \"2\"");
    }

    @Test
    void countsLinesOfAFileWithWindowsLineEndings() {
        // given the example with CR LF line ends and a string for a number on its 11th line
        String text = replaceOnce(TWO, "\"pulseWidthUs\": 300", "\"pulseWidthUs\": \"300\"").replace("\n", "\r\n");
        Position unix = Position.of(text.replace("\r\n", "\n"), "\"300\"");

        ProgramFileException e = refused(text);

        assertAt(e, unix);
        assertThat(e.problem()).isEqualTo("expected a whole number, found \"300\"");
    }
}
