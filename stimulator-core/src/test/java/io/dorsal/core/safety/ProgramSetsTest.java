package io.dorsal.core.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.TherapySets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Program sets: the file format, the set rules, and every set validated as a whole. */
class ProgramSetsTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "program-sets.json");
    private final SafetyValidator validator = new SafetyValidator();

    private static TherapySets example() throws ProgramFileException {
        return ProgramCodec.readSets(EXAMPLE);
    }

    private static TherapySets withSets(TherapySets base, List<ProgramSet> sets, String active) {
        return new TherapySets(base.library(), sets, active);
    }

    @Test
    void readsTheSetsAndRunsTheActiveOne() throws ProgramFileException {
        TherapySets sets = example();

        assertThat(sets.declared()).isTrue();
        assertThat(sets.sets()).extracting(ProgramSet::name).containsExactly("day", "night", "trial");
        assertThat(sets.sets()).extracting(ProgramSet::patientSelectable).containsExactly(true, true, false);
        assertThat(sets.activeSet()).isEqualTo("day");
        assertThat(ProgramCodec.read(EXAMPLE).programs()).extracting(Program::name)
                .containsExactly("low-back", "left-leg");
        assertThat(sets.therapyOf(sets.set("night").orElseThrow()).programs()).extracting(Program::name)
                .containsExactly("night-burst");
    }

    @Test
    void writesTheSetsBackAsTheyWereRead() throws ProgramFileException {
        TherapySets sets = example();

        assertThat(ProgramCodec.readSets(ProgramCodec.write(sets))).isEqualTo(sets);
    }

    @Test
    void aFileWithoutSetsIsOneSetOfAllItsPrograms() throws ProgramFileException {
        TherapySets sets = ProgramCodec.readSets(Path.of("..", "examples", "two-programs.json"));

        assertThat(sets.declared()).isFalse();
        assertThat(sets.sets()).singleElement().satisfies(s -> assertThat(s.programs())
                .containsExactly("low-back", "left-leg"));
        assertThat(ProgramCodec.write(sets)).doesNotContain("programSets");
    }

    @Test
    void refusesSetsWithoutAnActiveSet() {
        assertThatThrownBy(() -> ProgramCodec.readSets("""
                {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6.0}],
                 "programs": [],
                 "programSets": [{"name": "a", "programs": []}]}
                """)).isInstanceOf(ProgramFileException.class).hasMessageContaining("'activeSet' is required");
    }

    @Test
    void acceptsTheExampleEverySetAsAWhole() throws ProgramFileException {
        SetsValidation verdict = validator.validate(example());

        assertThat(verdict).isInstanceOf(SetsValidation.Safe.class);
        SetsValidation.Safe safe = (SetsValidation.Safe) verdict;
        assertThat(safe.perSet()).hasSize(3);
        assertThat(safe.active().therapy().programs()).extracting(Program::name).containsExactly("low-back", "left-leg");
    }

    @Test
    void programsOfDifferentSetsNeedNotInterleaveButProgramsOfOneSetMust() throws ProgramFileException {
        // five programs in all (more than the four that may run together) are fine when no set holds more than four
        TherapySets base = example();
        assertThat(validator.validate(withSets(base, List.of(new ProgramSet("a", List.of("low-back", "left-leg"), true),
                new ProgramSet("b", List.of("night-burst"), true)), "a"))).isInstanceOf(SetsValidation.Safe.class);
    }

    @Test
    void namesEveryBrokenSetRule() throws ProgramFileException {
        TherapySets base = example();
        List<ProgramSet> sets = new ArrayList<>(List.of(
                new ProgramSet("day", List.of("low-back", "nope"), true),
                new ProgramSet("day", List.of("low-back", "low-back"), true)));

        List<Violation> v = ((SetsValidation.Unsafe) validator.validate(withSets(base, sets, "evening"))).violations();

        assertThat(v).extracting(Violation::message).contains(
                "set 'day', programs: 'nope' is not a program of the file; limit one of [low-back, left-leg, night-burst] (rule: program sets)",
                "set 'day', name: 'day' twice; limit each set named once (rule: names)",
                "set 'day', programs: 'low-back' twice; limit each program once in a set (rule: program sets)",
                "therapy, activeSet: 'evening' is not a set of the file; limit one of [day, day] (rule: program sets)",
                "program 'left-leg', programSets: in no set; limit every program in at least one set (remove it, or add it to a set) (rule: program sets)");
    }

    @Test
    void holdsTheNumberOfSetsAtAndPastItsLimit() throws ProgramFileException {
        TherapySets base = example();
        List<ProgramSet> eight = new ArrayList<>();
        for (int i = 0; i < SafetyValidator.MAX_PROGRAM_SETS; i++) {
            eight.add(new ProgramSet("s" + i, List.of(List.of("low-back", "left-leg", "night-burst").get(i % 3)), true));
        }
        assertThat(validator.validate(withSets(base, eight, "s0"))).isInstanceOf(SetsValidation.Safe.class);

        List<ProgramSet> nine = new ArrayList<>(eight);
        nine.add(new ProgramSet("s8", List.of("low-back"), true));
        assertThat(((SetsValidation.Unsafe) validator.validate(withSets(base, nine, "s0"))).violations())
                .extracting(Violation::message)
                .containsExactly("therapy, programSets: 9 sets; limit 1 to 8 sets (rule: program sets)");
    }

    @Test
    void aSetWhoseProgramsCannotRunTogetherIsRefusedNamingTheSet() throws ProgramFileException {
        // with the device's program count tightened to one, the set of two programs is refused, and named
        TherapySets base = example();
        TherapySets tight = new TherapySets(new io.dorsal.core.therapy.Therapy(base.library().leads(),
                base.library().programs(), ValidatorFixtures.limitsWith("maxPrograms", 1)), List.of(
                new ProgramSet("one", List.of("low-back"), true),
                new ProgramSet("two", List.of("low-back", "left-leg"), true),
                new ProgramSet("three", List.of("night-burst"), true)), "one");

        List<Violation> v = ((SetsValidation.Unsafe) validator.validate(tight)).violations();

        assertThat(v).extracting(Violation::rule).containsExactly(SafetyRule.PROGRAM_COUNT);
        assertThat(v.get(0).subject()).isEqualTo("set 'two', therapy");
    }
}
