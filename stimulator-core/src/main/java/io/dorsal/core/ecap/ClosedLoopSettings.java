package io.dorsal.core.ecap;

import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A program file's closed loop (its {@code closedLoop} object, docs/ecap.md): the tonic program the loop drives, the
 * contacts it records the ECAP on, and the ECAP it holds. Immutable.
 *
 * @param program           the program's name
 * @param recordingContacts one or two contacts of the program's lead that carry no current in it
 * @param targetUv          the ECAP held, uV
 */
public record ClosedLoopSettings(String program, List<ContactId> recordingContacts, double targetUv) {

    /** The most recording contacts: a differential pair. */
    public static final int MAX_RECORDING_CONTACTS = 2;
    /** The highest target: the typical cord's saturation (no target above what any current can evoke). */
    public static final double MAX_TARGET_UV = 400;

    public ClosedLoopSettings {
        Objects.requireNonNull(program, "program");
        recordingContacts = List.copyOf(recordingContacts);
    }

    /**
     * Why these settings cannot drive the therapy (rule {@code closed loop}), one violation each; empty when they can:
     * the program exists and is tonic (the model's), has a patient range (the envelope the loop moves in, whose
     * maximum the validator proves), records on one or two contacts of its own lead that carry no current in it, and
     * holds a target above 0 and at most {@link #MAX_TARGET_UV}.
     */
    public List<Violation> problems(Therapy therapy) {
        List<Violation> out = new ArrayList<>();
        String subject = "closedLoop";
        Optional<Program> found = therapy.program(program);
        if (found.isEmpty()) {
            out.add(new Violation(subject, "program", "'" + program + "'", "one of the file's programs",
                    SafetyRule.CLOSED_LOOP));
            return out;
        }
        Program p = found.get();
        if (!(p.pattern() instanceof Pattern.Tonic)) {
            out.add(new Violation(subject, "program", "'" + program + "' is not tonic", "a tonic program (the loop's"
                    + " model)", SafetyRule.CLOSED_LOOP));
        }
        if (p.patientRange().isEmpty()) {
            out.add(new Violation(subject, "program", "'" + program + "' has no patientRange",
                    "a patient range: the envelope the loop moves in", SafetyRule.CLOSED_LOOP));
        }
        if (recordingContacts.isEmpty() || recordingContacts.size() > MAX_RECORDING_CONTACTS) {
            out.add(new Violation(subject, "recordingContacts", recordingContacts.size() + " contact(s)", "1 to "
                    + MAX_RECORDING_CONTACTS, SafetyRule.CLOSED_LOOP));
        }
        String lead = p.electrodes().keySet().stream().filter(c -> !c.isCase()).map(ContactId::lead).findFirst()
                .orElse("");
        for (ContactId c : recordingContacts) {
            if (p.electrodes().containsKey(c)) {
                out.add(new Violation(subject, "recordingContacts", c + " carries current in '" + program + "'",
                        "a contact the program does not stimulate on", SafetyRule.CLOSED_LOOP));
            } else if (c.isCase() || !c.lead().equals(lead)
                    || therapy.leads().stream().noneMatch(l -> l.name().equals(c.lead()) && c.index() < l.contactCount())) {
                out.add(new Violation(subject, "recordingContacts", c.toString(), "a contact of lead " + lead
                        + ", the program's", SafetyRule.CLOSED_LOOP));
            }
        }
        if (!(targetUv > 0 && targetUv <= MAX_TARGET_UV)) {
            out.add(new Violation(subject, "targetUv", String.format(Locale.ROOT, "%s uV", targetUv), "above 0 and at"
                    + " most " + (int) MAX_TARGET_UV + " uV", SafetyRule.CLOSED_LOOP));
        }
        return out;
    }
}
