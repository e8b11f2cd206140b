package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Therapy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leads placed over the spine in millimetres, and the contacts moved along them. */
class SpineLayoutTest {

    private static Therapy example(String name) throws Exception {
        return ProgramCodec.read(Path.of("..", "examples", name));
    }

    private static ContactId c(String name) {
        return ContactId.parse(name);
    }

    @Test
    void leadsLieWhereTheFileSaysAtTheirRealSize() throws Exception {
        SpineLayout spine = SpineLayout.of(example("leads-on-spine.json").leads());

        SpineLayout.ContactShape l10 = spine.shapeOf(c("L1.0")).orElseThrow();
        assertThat(l10.topMm()).as("T8's top plus the 4 mm offset")
                .isEqualTo(SpineLayout.levelTopMm(new io.dorsal.core.therapy.SpinalLevel("T8")) + 4);
        assertThat(l10.lengthMm()).isEqualTo(3);
        assertThat(l10.widthMm()).isEqualTo(1.3);
        assertThat(l10.centreXMm()).isEqualTo(-1.5);
        assertThat(spine.shapeOf(c("L1.1")).orElseThrow().topMm() - l10.topMm()).as("contact + gap").isEqualTo(7);
        assertThat(spine.shapeOf(c("L2.0")).orElseThrow().topMm() - l10.topMm()).as("staggered 14 mm")
                .isEqualTo(14);
        assertThat(spine.unplaced()).isFalse();
        assertThat(spine.vertebrae()).extracting(v -> v.level().name()).contains("T8", "T9").doesNotContain("T6", "T11");
        assertThat(spine.contactAt(-1.5, l10.centreYMm())).hasValue(c("L1.0"));
        assertThat(spine.contactAt(-1.5 - 0.65 - SpineLayout.HIT_SLOP_MM - 0.1, l10.centreYMm())).isEmpty();
    }

    @Test
    void leadsWithoutAPlaceAreDrawnSideBySideAtT8() {
        SpineLayout spine = SpineLayout.of(Fixture.example().leads());

        assertThat(spine.unplaced()).isTrue();
        assertThat(spine.leads()).extracting(SpineLayout.LeadDrawing::centreXMm)
                .containsExactly(-SpineLayout.UNPLACED_SPACING_MM / 2, SpineLayout.UNPLACED_SPACING_MM / 2);
        assertThat(spine.leads().get(0).contacts().get(0).lengthMm() * 1.3 * Math.PI).as("the file's 6 mm2")
                .isCloseTo(6.0, within(1e-9));
    }

    @Test
    void onAPaddleTheArrowsMoveAlongAColumnThenAcrossAndMovesStayInTheirColumn() throws Exception {
        Therapy paddle = example("paddle-32.json");
        SpineLayout spine = SpineLayout.of(paddle.leads());

        assertThat(spine.neighbour(c("P1.13"), -1, 0)).isEqualTo(c("P1.12"));
        assertThat(spine.neighbour(c("P1.13"), 0, 1)).isEqualTo(c("P1.21"));
        assertThat(spine.neighbour(c("P1.8"), -1, 0)).as("the column's tip").isEqualTo(c("P1.8"));
        assertThat(spine.shapeOf(c("P1.21")).orElseThrow().centreXMm()
                - spine.shapeOf(c("P1.13")).orElseThrow().centreXMm()).as("width + column gap").isEqualTo(3);

        Fractions.Change up = Fractions.move(Map.of(c("P1.8"), -100, c("P1.9"), 100), paddle.leads(), -1, Set.of());
        assertThat(up.refusal()).hasValue("P1.8 is at the tip of P1: there is no contact above it");
        Fractions.Change down = Fractions.move(Map.of(c("P1.14"), -100, c("P1.15"), 100), paddle.leads(), 1,
                Set.of());
        assertThat(down.refusal()).as("row 7 is a column's last, not the next column's first")
                .hasValue("P1.15 is at the end of P1: there is no contact below it");
        assertThat(Fractions.move(Map.of(c("P1.13"), -100, c("CASE"), 100), paddle.leads(), 1, Set.of())
                .electrodes()).containsOnly(Map.entry(c("P1.14"), -100), Map.entry(c("CASE"), 100));
        assertThat(Fractions.move(Map.of(c("P1.13"), -100, c("CASE"), 100), paddle.leads(), 1, Set.of(c("P1.14")))
                .refusal()).hasValue("P1.14 is flagged by the impedance check and cannot carry current");
    }
}
