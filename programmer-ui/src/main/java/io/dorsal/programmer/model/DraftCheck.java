package io.dorsal.programmer.model;

import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The draft checked by core's {@link SafetyValidator} after every change, against the impedances measured in
 * this session: whether it is safe, every broken rule in one line, each broken rule of the selected program
 * beside the control it concerns (value, limit and rule), the selected program's dose on each contact, and
 * whether its fractions add up. Disabled programs are checked alone, and their problems marked as not sent.
 * UI thread only.
 */
public final class DraftCheck {

    private final DraftEdits edits;
    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper safe = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper fractionsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper fractionsOk = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> violations = FXCollections.observableArrayList();
    private final ObservableList<ContactDose> doses = FXCollections.observableArrayList();
    private final Map<Field, ReadOnlyStringWrapper> fieldMessages = new EnumMap<>(Field.class);
    private Map<ContactId, Double> measuredOhm = Map.of();
    private Set<ContactId> flagged = Set.of();
    private Field doseField = Field.AMPLITUDE;

    DraftCheck(DraftEdits edits) {
        this.edits = edits;
        for (Field f : Field.values()) {
            fieldMessages.put(f, new ReadOnlyStringWrapper(""));
        }
    }

    /** Takes measured impedances into validation; flagged contacts can no longer be chosen. */
    public void useImpedances(Map<ContactId, Double> measured, Set<ContactId> flaggedContacts) {
        measuredOhm = Map.copyOf(measured);
        flagged = Set.copyOf(flaggedContacts);
        edits.refresh();
    }

    /** Forgets the measured impedances (they were of other leads or another stimulator); the next refresh uses none. */
    void forgetImpedances() {
        measuredOhm = Map.of();
        flagged = Set.of();
    }

    /**
     * Which control a dose rule (contact current, charge density, Shannon, compliance) is shown beside until
     * another edit changes the dose: the amplitude or the contacts show it beside amplitude, the pulse width or
     * the pattern beside pulse width.
     */
    void doseChangedBy(Field field) {
        doseField = field;
    }

    /** Checks the draft again. */
    void refresh() {
        Draft d = edits.draft();
        int index = edits.selected();
        SafetyValidator validator = new SafetyValidator(measuredOhm);
        Validation v = validator.validate(d.therapy());
        validation.set(v);
        List<Violation> sent = v instanceof Validation.Unsafe u ? u.violations() : List.of();
        List<String> lines = new ArrayList<>();
        for (Violation violation : sent) {
            lines.add(violation.message());
        }
        for (int i = 0; i < d.size(); i++) {
            if (!d.slots().get(i).enabled() && validator.validate(d.alone(i)) instanceof Validation.Unsafe u) {
                for (Violation violation : u.violations()) {
                    lines.add(violation.message() + " [disabled program: not sent]");
                }
            }
        }
        violations.setAll(lines);
        safe.set(v instanceof Validation.Safe);

        Program p = d.program(index);
        Map<Field, List<String>> byField = new EnumMap<>(Field.class);
        for (Violation violation : selectedViolations(d, index, validator, sent)) {
            byField.computeIfAbsent(fieldOf(violation, doseField), f -> new ArrayList<>()).add(describe(violation));
        }
        fieldMessages.forEach((f, w) -> w.set(String.join("\n", byField.getOrDefault(f, List.of()))));
        doses.setAll(validator.doses(d.therapy().programs().isEmpty() ? d.alone(index) : withAll(d), p,
                p.amplitudeMa()));
        int cathodes = Fractions.sum(p.electrodes(), Fractions.Polarity.CATHODE);
        int anodes = Fractions.sum(p.electrodes(), Fractions.Polarity.ANODE);
        fractionsOk.set(cathodes == -100 && anodes == 100);
        fractionsText.set("cathodes " + cathodes + "%   anodes +" + anodes + "%"
                + (fractionsOk.get() ? "" : "   (each must total 100%)"));
    }

    /** Every program of the draft, enabled or not: the doses of a disabled program are shown too. */
    private static Therapy withAll(Draft d) {
        return new Therapy(d.leads(), d.slots().stream().map(Slot::program).toList(), d.limits());
    }

    private static List<Violation> selectedViolations(Draft d, int index, SafetyValidator validator,
            List<Violation> sent) {
        String subject = "program '" + d.program(index).name() + "'";
        List<Violation> source = d.slots().get(index).enabled() ? sent
                : validator.validate(d.alone(index)) instanceof Validation.Unsafe u ? u.violations() : List.of();
        return source.stream().filter(v -> v.subject().equals(subject)).toList();
    }

    /** The control a broken rule concerns; {@code doseField} is where dose rules on a contact are shown. */
    static Field fieldOf(Violation v, Field doseField) {
        String f = v.field();
        if (f.startsWith("contact ") || f.startsWith("current path ")) {
            if (f.contains(" at the patient maximum")) {
                return Field.PATIENT_RANGE;
            }
            return switch (v.rule()) {
                case CONTACT_CURRENT, CHARGE_DENSITY, SHANNON, COMPLIANCE, ELECTRODE_CHARGE -> doseField;
                default -> Field.CONTACTS;
            };
        }
        return switch (f) {
            case "electrodes" -> Field.CONTACTS;
            case "name" -> Field.NAME;
            case "amplitudeMa" -> v.rule() == SafetyRule.PATIENT_RANGE && doseField != Field.AMPLITUDE
                    ? Field.PATIENT_RANGE : Field.AMPLITUDE;
            case "pulseWidthUs" -> Field.PULSE_WIDTH;
            case "rateHz", "pattern.burstRateHz", "timing" -> Field.RATE;
            case "rampS" -> Field.RAMP;
            case "patientRange" -> Field.PATIENT_RANGE;
            default -> f.startsWith("pattern.") ? Field.BURST
                    : f.startsWith("recharge.") ? Field.RECHARGE
                    : f.startsWith("cycle.") ? Field.CYCLE
                    : Field.NAME;
        };
    }

    /** A broken rule in the words shown beside its control: value, limit and rule. */
    public static String describe(Violation v) {
        String where = v.field().startsWith("contact ") ? v.field().substring("contact ".length()) + ": "
                : v.field().startsWith("current path ") ? v.field() + ": " : "";
        return where + v.value() + "; limit " + v.limit() + " (" + v.rule().label() + ")";
    }

    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** Whether every rule holds for what Apply would send. */
    public ReadOnlyBooleanProperty safeProperty() {
        return safe.getReadOnlyProperty();
    }

    /** Every broken rule of the draft, one line each. */
    public ObservableList<String> violations() {
        return violations;
    }

    /** The selected program's dose on each of its contacts, at its amplitude, from core. */
    public ObservableList<ContactDose> doses() {
        return doses;
    }

    /** What is broken about a control of the selected program, in words; empty when nothing is. */
    public ReadOnlyStringProperty messageFor(Field field) {
        return fieldMessages.get(field).getReadOnlyProperty();
    }

    /** The selected program's cathodic and anodic sums, in words. */
    public ReadOnlyStringProperty fractionsTextProperty() {
        return fractionsText.getReadOnlyProperty();
    }

    /** Whether the selected program's cathodes and anodes each total 100%. */
    public ReadOnlyBooleanProperty fractionsOkProperty() {
        return fractionsOk.getReadOnlyProperty();
    }

    /** Contacts the impedance check flagged as open or short: they cannot carry current. */
    public Set<ContactId> flagged() {
        return flagged;
    }

    /** The impedances measured in this session, by contact, in ohm. */
    public Map<ContactId, Double> measuredOhm() {
        return measuredOhm;
    }
}
