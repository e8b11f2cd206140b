package io.dorsal.programmer.model;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Program;

/**
 * The session's programs, as the program chooser edits them: select one, add a new one, duplicate or delete
 * the selected one. At most {@link #MAX_PROGRAMS}, at least one; new names are unique and within the name
 * length the validator allows. UI thread only.
 */
public final class ProgramList {

    /** Most programs in a session (the device runs at most four together). */
    public static final int MAX_PROGRAMS = DeviceLimits.DEFAULTS.maxPrograms();

    private final DraftEdits edits;
    private final Notices notices;

    ProgramList(DraftEdits edits, Notices notices) {
        this.edits = edits;
        this.notices = notices;
    }

    public void select(int index) {
        if (index < 0 || index >= edits.draft().size() || index == edits.selected()) {
            return;
        }
        edits.select(index);
    }

    public boolean canAddProgram() {
        return edits.draft().size() < MAX_PROGRAMS;
    }

    /** Adds a new program ({@link ProgramStarts#newProgram}) at the end and selects it. */
    public void addProgram() {
        if (!canAddProgram()) {
            notices.say("A generator runs at most " + MAX_PROGRAMS + " programs.");
            return;
        }
        Draft d = edits.draft();
        String newName = uniqueName("Program " + (d.size() + 1));
        int index = d.size();
        edits.edit("programs", "" + d.size(), (d.size() + 1) + " (added " + newName + ")",
                x -> x.withInserted(index, new Slot(ProgramStarts.newProgram(newName), true)));
        edits.select(index);
    }

    /** Adds a copy of the selected program after it, enabled as it is, and selects the copy. */
    public void duplicateProgram() {
        if (!canAddProgram()) {
            notices.say("A generator runs at most " + MAX_PROGRAMS + " programs.");
            return;
        }
        Draft d = edits.draft();
        Program p = edits.program();
        String newName = uniqueName(p.name() + " copy");
        int index = edits.selected() + 1;
        edits.edit("programs", "" + d.size(), (d.size() + 1) + " (duplicated " + p.name() + " as " + newName + ")",
                x -> x.withInserted(index, new Slot(Programs.withName(p, newName), d.slots().get(index - 1).enabled())));
        edits.select(index);
    }

    public boolean canDeleteProgram() {
        return edits.draft().size() > 1;
    }

    public void deleteProgram() {
        if (!canDeleteProgram()) {
            notices.say("A therapy keeps at least one program.");
            return;
        }
        Draft d = edits.draft();
        int index = edits.selected();
        edits.edit("programs", "" + d.size(), (d.size() - 1) + " (deleted " + edits.program().name() + ")",
                x -> x.without(index));
    }

    /** {@code base}, or {@code base 2}, {@code base 3} ... if taken, cut to the longest name allowed. */
    private String uniqueName(String base) {
        String candidate = base.length() > SafetyValidator.MAX_NAME_LENGTH
                ? base.substring(0, SafetyValidator.MAX_NAME_LENGTH) : base;
        int n = 2;
        while (edits.draft().nameTaken(candidate, -1)) {
            String suffix = " " + n++;
            candidate = base.substring(0, Math.min(base.length(), SafetyValidator.MAX_NAME_LENGTH - suffix.length()))
                    + suffix;
        }
        return candidate;
    }
}
