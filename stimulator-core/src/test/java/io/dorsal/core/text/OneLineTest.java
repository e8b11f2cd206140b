package io.dorsal.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void escapesLineBreaksTabsAndControlCharactersAndKeepsTheRest() {
        assertThat(OneLine.of("a\nb\r\tc\u001b[31m\u2028d \u00e9\u00b5")).isEqualTo("a\\nb\\r\\tc\\u001b[31m\\u2028d \u00e9\u00b5");
        assertThat(OneLine.of("plain 'name' L1.2")).isEqualTo("plain 'name' L1.2");
    }

    @Test
    void aFieldNameWithALineBreakIsReportedOnOneLine() {
        // found by fuzzing ProgramCodecFuzzTest: an escaped line break in a field name split the message
        String json = "{\"leads\": [{\"name\": \"L1\", \"contacts\": 8, \"contactAreaMm2\": 6, \"imped\\nceOhm\": 1}]}";

        Assertions.assertThatThrownBy(() -> ProgramCodec.read(json)).isInstanceOfSatisfying(ProgramFileException.class,
                e -> assertThat(e.describe()).doesNotContain("\n").contains("unknown field 'imped\\nceOhm'"));
    }
}
