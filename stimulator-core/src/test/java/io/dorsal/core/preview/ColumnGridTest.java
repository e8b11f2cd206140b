package io.dorsal.core.preview;

import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.longBetween;
import static io.dorsal.testing.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.testing.Cases;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The preview's columns: the boundary tables answer exactly what one division per phase answers. */
class ColumnGridTest {

    record Case(long windowNs, int columns, long[] offsetsNs) {
    }

    /** Windows from 1 ns to 10 minutes, 1 to 4,000 columns, offsets around the window and on its boundaries. */
    static Case draw(RandomGenerator r) {
        long windowNs = oneOf(r, 1L, 999L, 1_000_000_000L, 600_000_000_000L, longBetween(r, 1, 3_000_000_000L));
        int columns = oneOf(r, 1, 3, 640, 1_000, 1_919, intBetween(r, 1, 4_000));
        long[] offsets = new long[400];
        for (int i = 0; i < offsets.length; i++) {
            int c = intBetween(r, 0, columns);
            long boundary = Math.floorDiv(c * windowNs, columns);
            offsets[i] = switch (i % 4) {
                case 0 -> boundary + intBetween(r, -2, 2);
                case 1 -> Math.ceilDiv(c * windowNs, columns) + intBetween(r, -2, 2);
                case 2 -> longBetween(r, -windowNs, 2 * windowNs);
                default -> oneOf(r, -1L, 0L, 1L, windowNs - 1, windowNs, windowNs + 1);
            };
        }
        return new Case(windowNs, columns, offsets);
    }

    @TestFactory
    Stream<DynamicTest> theTablesAnswerAsTheDivisionDoes() {
        return Cases.of(ColumnGridTest::draw).count(300).check(c -> {
            ColumnGrid grid = new ColumnGrid(c.windowNs(), c.columns());
            for (long offset : c.offsetsNs()) {
                assertThat(grid.firstColumn(offset)).as("first column of offset %d", offset)
                        .isEqualTo(ColumnGrid.firstColumn(offset, c.windowNs(), c.columns()));
                assertThat(grid.lastColumn(offset)).as("last column of a phase ending at %d", offset)
                        .isEqualTo(ColumnGrid.lastColumn(offset, c.windowNs(), c.columns()));
            }
        });
    }

    @Test
    void aColumnHoldsTheOffsetsFromItsBoundaryToTheNext() {
        ColumnGrid grid = new ColumnGrid(1_000_000_000L, 1_000);

        assertThat(grid.firstColumn(0)).isZero();
        assertThat(grid.firstColumn(999_999)).isZero();
        assertThat(grid.firstColumn(1_000_000)).isEqualTo(1);
        assertThat(grid.firstColumn(-5)).as("a phase that began before the window").isZero();
        assertThat(grid.firstColumn(2_000_000_000L)).as("clamped to the last column").isEqualTo(999);
        assertThat(grid.lastColumn(1_000_000)).as("ends exactly on the boundary: only column 0").isZero();
        assertThat(grid.lastColumn(1_000_001)).as("one ns into column 1").isEqualTo(1);
        assertThat(grid.lastColumn(0)).as("ended before the window: no column").isEqualTo(-1);
    }

    @Test
    void unevenColumnsSplitTheWindowExactly() {
        ColumnGrid grid = new ColumnGrid(10, 3);

        // 10 ns in 3 columns: [0, 3.33), [3.33, 6.67), [6.67, 10)
        assertThat(grid.firstColumn(3)).isZero();
        assertThat(grid.firstColumn(4)).isEqualTo(1);
        assertThat(grid.firstColumn(6)).isEqualTo(1);
        assertThat(grid.firstColumn(7)).isEqualTo(2);
        assertThat(grid.lastColumn(4)).as("a phase ending at 4 reached past 3.33").isEqualTo(1);
        assertThat(grid.lastColumn(3)).isZero();
    }

    @Test
    void refusesAWindowTooLongToCutExactly() {
        assertThatThrownBy(() -> new ColumnGrid(Long.MAX_VALUE / 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThat(new ColumnGrid(Long.MAX_VALUE / 3, 3).firstColumn(Long.MAX_VALUE / 6)).isEqualTo(1);
    }
}
