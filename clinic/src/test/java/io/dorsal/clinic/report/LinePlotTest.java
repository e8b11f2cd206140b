package io.dorsal.clinic.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A plot's series colours: one of its own for every contact a device has, none too close to another. */
class LinePlotTest {

    /** The most series an impedance trend draws: four leads of eight contacts and the case. */
    private static final int MOST_SERIES = 33;

    @Test
    void everySeriesOfATrendHasAColourOfItsOwnNoneWithin20OfAnother() {
        for (int a = 0; a < MOST_SERIES; a++) {
            for (int b = a + 1; b < MOST_SERIES; b++) {
                assertThat(distance(LinePlot.seriesRgb(a), LinePlot.seriesRgb(b)))
                        .as("series %d (%06x) and %d (%06x)", a, LinePlot.seriesRgb(a), b, LinePlot.seriesRgb(b))
                        .isGreaterThanOrEqualTo(20.0);
            }
        }
    }

    @Test
    void neighbouringSeriesDifferMost() {
        for (int a = 0; a + 1 < MOST_SERIES; a++) {
            assertThat(distance(LinePlot.seriesRgb(a), LinePlot.seriesRgb(a + 1))).as("series %d and %d", a, a + 1)
                    .isGreaterThanOrEqualTo(100.0);
        }
    }

    @Test
    void aColourIsTwentyFourBitsAndTheSameEachTime() {
        for (int i = 0; i < 100; i++) {
            assertThat(LinePlot.seriesRgb(i)).isBetween(0, 0xffffff).isEqualTo(LinePlot.seriesRgb(i));
        }
        assertThat(new LinePlot.Series("L1.1", LinePlot.seriesRgb(0), false, java.util.List.of()).css())
                .matches("#[0-9a-f]{6}");
    }

    @Test
    void aNegativeIndexIsRefused() {
        assertThatThrownBy(() -> LinePlot.seriesRgb(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    private static double distance(int rgb1, int rgb2) {
        double dr = ((rgb1 >> 16) & 0xff) - ((rgb2 >> 16) & 0xff);
        double dg = ((rgb1 >> 8) & 0xff) - ((rgb2 >> 8) & 0xff);
        double db = (rgb1 & 0xff) - (rgb2 & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
