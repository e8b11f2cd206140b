package io.dorsal.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lead types in the program file: how contacts lie, where the lead lies, and the area the doses use. */
class LeadLayoutTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static String file(String lead) {
        return """
                {"leads": [%s],
                 "programs": [{"name": "p", "electrodes": {"L1.1": -100, "L1.2": 100}, "amplitudeMa": 2,
                   "pulseWidthUs": 200, "rateHz": 50, "pattern": {"type": "tonic"}, "recharge": {"type": "active"}}]}
                """.formatted(lead);
    }

    private static List<Violation> violations(String json) throws ProgramFileException {
        return new SafetyValidator().validate(ProgramCodec.read(json)) instanceof Validation.Unsafe u
                ? u.violations() : List.of();
    }

    @Test
    void aPercutaneousLeadWithoutAnAreaTakesItsRingsSurface() throws Exception {
        Therapy t = ProgramCodec.read(file("""
                {"name": "L1", "contacts": 8, "layout": {"shape": "percutaneous", "contactLengthMm": 3,
                 "contactWidthMm": 1.3, "gapMm": 4, "tip": "t8", "tipOffsetMm": 4, "lateralMm": -1.5}}"""));

        Lead lead = t.leads().get(0);
        assertThat(lead.contactAreaMm2()).isCloseTo(Math.PI * 1.3 * 3, within(1e-9));
        LeadLayout layout = lead.layout().orElseThrow();
        assertThat(layout.tip()).hasValue(new SpinalLevel("T8"));
        assertThat(layout.activeLengthMm(8)).isEqualTo(8 * 3 + 7 * 4);
        assertThat(layout.contactTopMm(2, 8)).isEqualTo(14);
        assertThat(ProgramCodec.read(ProgramCodec.write(t))).as("written and read back").isEqualTo(t);
        assertThat(violations(ProgramCodec.write(t))).isEmpty();
    }

    @Test
    void aPaddlesContactsRunDownEachColumnInTurn() throws Exception {
        Therapy t = ProgramCodec.read(EXAMPLES.resolve("paddle-32.json"));
        LeadLayout paddle = t.leads().get(0).layout().orElseThrow();

        assertThat(paddle.rows(32)).isEqualTo(8);
        assertThat(paddle.columnOf(13, 32)).isEqualTo(1);
        assertThat(paddle.rowOf(13, 32)).isEqualTo(5);
        assertThat(paddle.indexAt(2, 5, 32)).isEqualTo(21);
        assertThat(paddle.indexAt(4, 0, 32)).as("no fifth column").isEqualTo(-1);
        assertThat(paddle.widthMm()).isEqualTo(4 * 1.5 + 3 * 1.5);
        assertThat(paddle.contactCentreMm(0, 32)).isEqualTo(-paddle.widthMm() / 2 + 0.75);
        assertThat(t.leads().get(0).contactAreaMm2()).isEqualTo(3.0);
        assertThat(violations(ProgramCodec.write(t))).isEmpty();
    }

    @Test
    void aStatedAreaMustAgreeWithTheLayoutWithinTenPercent() throws Exception {
        String ring = "\"layout\": {\"shape\": \"percutaneous\", \"contactLengthMm\": 3, \"contactWidthMm\": 1.3,"
                + " \"gapMm\": 4}";
        double area = Math.PI * 1.3 * 3;
        assertThat(violations(file("{\"name\": \"L1\", \"contacts\": 8, \"contactAreaMm2\": "
                + (area * 1.099) + ", " + ring + "}"))).as("at the edge").isEmpty();

        List<Violation> past = violations(file("{\"name\": \"L1\", \"contacts\": 8, \"contactAreaMm2\": 6.0, "
                + ring + "}"));

        assertThat(past).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(SafetyRule.CONTACT_AREA);
            assertThat(v.message()).contains("lead 'L1'", "contactAreaMm2", "6 mm2", "12.25 mm2",
                    "a ring 1.3 mm across and 3 mm long");
        });
    }

    @Test
    void impossibleLayoutsAreRefusedWithTheirField() throws Exception {
        assertThat(violations(file("""
                {"name": "L1", "contacts": 16, "layout": {"shape": "paddle", "columns": 3, "contactLengthMm": 2,
                 "contactWidthMm": 1.5, "gapMm": 1}}"""))).extracting(Violation::field).containsExactly("layout.columns");
        assertThat(violations(file("""
                {"name": "L1", "contacts": 8, "layout": {"shape": "percutaneous", "columns": 2, "contactLengthMm": 3,
                 "contactWidthMm": 1.3, "gapMm": 4}}"""))).extracting(Violation::value).containsExactly("2");
        assertThat(violations(file("""
                {"name": "L1", "contacts": 8, "layout": {"shape": "percutaneous", "contactLengthMm": 3,
                 "contactWidthMm": 1.3, "gapMm": 4, "lateralMm": 30}}"""))).extracting(Violation::field)
                .containsExactly("layout.lateralMm");
        assertThatThrownBy(() -> ProgramCodec.read(file("""
                {"name": "L1", "contacts": 8, "layout": {"shape": "percutaneous", "contactLengthMm": 3,
                 "contactWidthMm": 1.3, "gapMm": 4, "tip": "T13"}}""")))
                .isInstanceOf(ProgramFileException.class).satisfies(e -> assertThat(((ProgramFileException) e)
                        .describe()).startsWith("line 2").contains("tip 'T13': a vertebra"));
        assertThatThrownBy(() -> ProgramCodec.read(file("{\"name\": \"L1\", \"contacts\": 8}")))
                .isInstanceOf(ProgramFileException.class)
                .hasMessageContaining("a lead needs 'contactAreaMm2', or a 'layout' to figure it from");
    }

    @Test
    void aLeadWithoutALayoutIsDrawnAsATypicalRingOfItsOwnArea() throws Exception {
        Lead old = ProgramCodec.read(EXAMPLES.resolve("two-programs.json")).leads().get(0);

        assertThat(old.layout()).isEmpty();
        LeadLayout drawn = old.layoutOrTypical();
        assertThat(drawn.contactAreaMm2()).isCloseTo(6.0, within(1e-9));
        assertThat(drawn.tip()).isEmpty();
        assertThat(drawn.contactWidthMm()).isEqualTo(LeadLayout.PERCUTANEOUS_DIAMETER_MM);
    }

    @Test
    void vertebraeAreNamedAndOrderedFromTheHeadDown() {
        assertThat(SpinalLevel.parse("t8")).hasValue(new SpinalLevel("T8"));
        assertThat(new SpinalLevel("T12").below()).isEqualTo(new SpinalLevel("L1"));
        assertThat(new SpinalLevel("C7").below()).isEqualTo(new SpinalLevel("T1"));
        assertThat(new SpinalLevel("S1").below()).isEqualTo(new SpinalLevel("S1"));
        assertThat(SpinalLevel.at(19)).isEqualTo(new SpinalLevel("L1"));
        assertThat(SpinalLevel.parse("T0")).isEmpty();
        assertThat(SpinalLevel.parse("L6")).isEmpty();
        assertThat(SpinalLevel.parse("S2")).isEmpty();
        assertThat(List.of(new SpinalLevel("L1"), new SpinalLevel("T9")).stream().sorted().toList())
                .containsExactly(new SpinalLevel("T9"), new SpinalLevel("L1"));
        assertThat(Optional.of(new SpinalLevel("T8")).map(SpinalLevel::index)).hasValue(14);
    }
}
