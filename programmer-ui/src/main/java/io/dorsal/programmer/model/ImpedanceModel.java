package io.dorsal.programmer.model;

import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.ContactId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The impedance check: runs it on the generator, shows each contact's impedance with its open or short flag,
 * and hands the measured impedances to the programmer so that flagged contacts cannot be chosen and every
 * dose uses the measured figure. UI thread only.
 */
public final class ImpedanceModel {

    private final ProgrammerModel programmer;
    private final Executor ui;
    private final ObservableList<ImpedanceReport.ContactImpedance> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not checked in this session.");
    private final ReadOnlyObjectWrapper<Optional<Instant>> checkedAt = new ReadOnlyObjectWrapper<>(Optional.empty());
    private java.util.function.Consumer<ImpedanceReport> onChecked = report -> { };

    public ImpedanceModel(ProgrammerModel programmer, Executor ui) {
        this.programmer = programmer;
        this.ui = ui;
    }

    public void runCheck() {
        String who = programmer.who();
        programmer.generator().link().checkImpedance(who).whenCompleteAsync((report, failure) -> {
            if (failure != null) {
                String why = LinkProblems.describe(failure, programmer.generator().link().address());
                summary.set("Not checked: " + why + ".");
                programmer.notices().showError("The impedance check got no answer: " + why + ".");
            } else {
                show(report);
            }
        }, ui);
    }

    /** What else learns of each check (the patient's record). */
    public void onChecked(java.util.function.Consumer<ImpedanceReport> listener) {
        this.onChecked = listener;
    }

    /** Forgets the check (it measured another stimulator). */
    void reset() {
        rows.clear();
        checkedAt.set(Optional.empty());
        summary.set("Not checked on this stimulator.");
    }

    void show(ImpedanceReport report) {
        rows.setAll(report.contacts());
        Map<ContactId, Double> measured = new HashMap<>();
        Set<ContactId> flagged = new HashSet<>();
        for (ImpedanceReport.ContactImpedance c : report.contacts()) {
            measured.put(c.contact(), c.impedanceOhm());
            if (c.status() != ImpedanceReport.Status.OK) {
                flagged.add(c.contact());
            }
        }
        programmer.check().useImpedances(measured, flagged);
        Instant now = programmer.log().wallClock().instant();
        checkedAt.set(Optional.of(now));
        String flags = report.flagged().isEmpty() ? "none flagged"
                : report.flagged().size() + " flagged: " + String.join(", ", report.flagged().stream()
                .map(c -> c.contact() + " " + c.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " (" + Figures.format(c.impedanceOhm(), 0) + " ohm)").toList());
        summary.set(report.contacts().size() + " contacts checked, " + flags + ".");
        programmer.log().add(programmer.who(), "impedance check", report.contacts().size() + " contacts", "", flags);
        onChecked.accept(report);
    }

    public ObservableList<ImpedanceReport.ContactImpedance> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Instant>> checkedAtProperty() {
        return checkedAt.getReadOnlyProperty();
    }
}
