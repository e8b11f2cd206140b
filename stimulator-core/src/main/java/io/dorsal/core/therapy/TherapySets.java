package io.dorsal.core.therapy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A therapy with several program sets: every program the clinician made (with the leads and device limits), the sets
 * that say which of them run together, and the set that runs now. A program file without sets is one set of all its
 * programs ({@link #single}).
 *
 * @param library   the leads, every program of every set, and the device limits
 * @param sets      the program sets, at least one
 * @param activeSet the name of the set that runs
 */
public record TherapySets(Therapy library, List<ProgramSet> sets, String activeSet) {

    /** The name of the one set of a file that declares none. */
    public static final String ALL = "all";

    public TherapySets {
        Objects.requireNonNull(library, "library");
        sets = List.copyOf(sets);
        Objects.requireNonNull(activeSet, "activeSet");
    }

    /** A therapy as one set of all its programs, named {@link #ALL}, that the patient may not leave. */
    public static TherapySets single(Therapy therapy) {
        return new TherapySets(therapy, List.of(new ProgramSet(ALL,
                therapy.programs().stream().map(Program::name).toList(), false)), ALL);
    }

    /** Whether the file declared sets of its own. */
    public boolean declared() {
        return !(sets.size() == 1 && sets.get(0).name().equals(ALL) && activeSet.equals(ALL));
    }

    public Optional<ProgramSet> set(String name) {
        return sets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The therapy a set runs: the library's leads and limits, and the set's programs in the set's order (names that
     * are not in the library are left out; the validator reports them).
     */
    public Therapy therapyOf(ProgramSet set) {
        return new Therapy(library.leads(), set.programs().stream().map(library::program).flatMap(Optional::stream)
                .toList(), library.limits());
    }

    /** The therapy of the active set (the library itself when the active set is unknown). */
    public Therapy active() {
        return set(activeSet).map(this::therapyOf).orElse(library);
    }

    /**
     * The sets after the active set's therapy was replaced (a clinician's edit, a patient's step): its programs take
     * the places of those of the same name, a program it no longer runs stays only if another set runs it, and the
     * leads and limits are the new therapy's.
     */
    public TherapySets withActiveTherapy(Therapy therapy) {
        java.util.Set<String> otherSets = new java.util.HashSet<>();
        for (ProgramSet s : sets) {
            if (!s.name().equals(activeSet)) {
                otherSets.addAll(s.programs());
            }
        }
        java.util.Map<String, Program> programs = new java.util.LinkedHashMap<>();
        for (Program p : library.programs()) {
            if (otherSets.contains(p.name())) {
                programs.put(p.name(), p);
            }
        }
        for (Program p : therapy.programs()) {
            programs.put(p.name(), p);
        }
        List<ProgramSet> changed = sets.stream().map(s -> s.name().equals(activeSet) ? new ProgramSet(s.name(),
                therapy.programs().stream().map(Program::name).toList(), s.patientSelectable()) : s).toList();
        return new TherapySets(new Therapy(therapy.leads(), List.copyOf(programs.values()), therapy.limits()), changed,
                activeSet);
    }

    /** The same sets with another set active. */
    public TherapySets withActive(String name) {
        return new TherapySets(library, sets, name);
    }
}
