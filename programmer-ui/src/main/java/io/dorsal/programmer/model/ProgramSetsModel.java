package io.dorsal.programmer.model;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.TherapySets;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The program sets the generator holds, as the clinician sees them in the editor: every set with its programs,
 * which one runs, which the patient may switch to; and switching the generator to another set, one the patient may
 * not choose included (the generator's sets sent back with another active, validated by the generator as a whole,
 * taken over as any apply, logged). Empty when the generator holds a therapy without
 * sets. UI thread only; link answers through {@code ui}.
 */
public final class ProgramSetsModel {

    private final GeneratorModel generator;
    private final SessionLog log;
    private final String who;
    private final Executor ui;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObjectProperty<String> chosen = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String active = "";
    private TherapySets held;

    public ProgramSetsModel(GeneratorModel generator, SessionLog log, String who, Executor ui) {
        this.generator = generator;
        this.log = log;
        this.who = who;
        this.ui = ui;
        generator.therapyProperty().addListener((obs, was, now) -> refresh());
        generator.linkProperty().addListener((obs, was, now) -> refresh());
        refresh();
    }

    /** Asks the generator for its sets again. */
    public void refresh() {
        generator.link().programSets().whenCompleteAsync((held, failure) -> {
            if (failure != null || held.isEmpty()) {
                names.clear();
                present.set(false);
                summary.set("");
                return;
            }
            show(held.get());
        }, ui);
    }

    private void show(TherapySets all) {
        held = all;
        List<String> now = all.sets().stream().map(ProgramSet::name).toList();
        if (!now.equals(names)) {
            names.setAll(now);
        }
        active = all.activeSet();
        if (chosen.get() == null || !now.contains(chosen.get())) {
            chosen.set(active);
        }
        present.set(true);
        summary.set(String.join("; ", all.sets().stream().map(s -> s.name() + (s.name().equals(active)
                ? " (running" : " (") + (s.patientSelectable() ? (s.name().equals(active) ? ", " : "")
                + "patient may choose)" : s.name().equals(active) ? ")" : "clinician only)") + ": "
                + String.join(", ", s.programs())).toList()));
    }

    /** Runs the chosen set on the generator (it validates the set whole first). */
    public void activate() {
        String name = chosen.get();
        if (name == null || name.equals(active) || held == null) {
            return;
        }
        String before = active;
        // the clinician sends the generator its own sets with another one active: any set, the patient's or not;
        // the generator validates every set again and takes the therapy over as it takes any apply
        generator.link().applySets(held.withActive(name), who).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                message.set("Not switched: " + LinkProblems.describe(failure, generator.link().address()) + ".");
            } else if (result instanceof ApplyResult.Rejected r) {
                message.set("Not switched: " + r.violations().get(0).message());
            } else {
                message.set("");
                log.add(who, "program set", "program set", before, name);
            }
            generator.refresh();
            refresh();
        }, ui);
    }

    public ObservableList<String> names() {
        return names;
    }

    /** The set to switch to. */
    public ObjectProperty<String> chosenProperty() {
        return chosen;
    }

    /** Whether the generator holds program sets. */
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    /** Every set in words: which runs, which the patient may choose, their programs. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
