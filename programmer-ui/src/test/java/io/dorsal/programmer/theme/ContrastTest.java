package io.dorsal.programmer.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** The WCAG formula against figures WCAG's own examples and common checkers give. */
class ContrastTest {

    @Test
    void blackOnWhiteIsTwentyOneAndAColourOnItselfIsOne() {
        assertThat(Contrast.ratio(Color.BLACK, Color.WHITE)).isCloseTo(21.0, within(1e-9));
        assertThat(Contrast.ratio(Color.WHITE, Color.BLACK)).isCloseTo(21.0, within(1e-9));
        assertThat(Contrast.ratio(Color.web("#cf222e"), Color.web("#cf222e"))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void greyOnWhiteAtTheAaEdge() {
        // #767676 on white is the classic lightest grey that passes AA (4.54); #777777 fails (4.48)
        assertThat(Contrast.ratio(Color.web("#767676"), Color.WHITE)).isCloseTo(4.54, within(0.01))
                .isGreaterThanOrEqualTo(Contrast.AA_TEXT);
        assertThat(Contrast.ratio(Color.web("#777777"), Color.WHITE)).isCloseTo(4.48, within(0.01))
                .isLessThan(Contrast.AA_TEXT);
    }

    @Test
    void aTranslucentGroundIsJudgedAsDrawnOverWhatIsUnderIt() {
        Color halfBlack = Color.color(0, 0, 0, 0.5);
        Color seen = Contrast.over(halfBlack, Color.WHITE);
        assertThat(seen.getRed()).isCloseTo(0.5, within(1e-9));
        assertThat(seen.getOpacity()).isEqualTo(1.0);
    }
}
