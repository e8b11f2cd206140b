package io.dorsal.programmer.model;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.programmer.link.StimulatorLink;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The generator as the header shows it (mode, programs, battery, days left, fault) and the commands that act
 * on it as a whole: therapy on, off, STOP ALL, clear fault. Refreshed by polling the link. UI thread only;
 * link answers are handed back through the UI executor.
 */
public final class GeneratorModel {

    private final Executor ui;
    private final SessionLog log;
    private final String who;
    private final ReadOnlyObjectWrapper<StimulatorLink> link;
    private final ReadOnlyStringWrapper description;
    private final ReadOnlyStringWrapper linkProblem = new ReadOnlyStringWrapper("");
    /** Counts link switches, so that an answer from a link no longer in use is not shown. */
    private long generation;
    private boolean statusPending;
    private Consumer<String> problems = text -> { };

    private final ReadOnlyObjectWrapper<GeneratorMode> mode = new ReadOnlyObjectWrapper<>(GeneratorMode.OFF);
    private final ReadOnlyObjectWrapper<Optional<Therapy>> therapy = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper programs = new ReadOnlyStringWrapper("none");
    private final ReadOnlyDoubleWrapper batteryPercent = new ReadOnlyDoubleWrapper(100);
    private final ReadOnlyDoubleWrapper daysLeft = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyBooleanWrapper batteryLow = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper fault = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    public GeneratorModel(StimulatorLink link, Executor ui, SessionLog log, String who) {
        this.link = new ReadOnlyObjectWrapper<>(link);
        this.description = new ReadOnlyStringWrapper(link.description());
        this.ui = ui;
        this.log = log;
        this.who = who;
    }

    /**
     * Asks the link for the generator's status; the properties follow when it answers. At most one request is
     * outstanding (a rig that answers slowly is not flooded); an answer from a link no longer in use is dropped.
     */
    public void refresh() {
        if (statusPending) {
            return;
        }
        statusPending = true;
        long asked = generation;
        link.get().status().whenCompleteAsync((status, failure) -> {
            if (asked != generation) {
                return;
            }
            statusPending = false;
            if (failure != null) {
                linkProblem.set(LinkProblems.describe(failure, link.get().address())
                        + ". What it runs is not known here until it answers again.");
            } else {
                linkProblem.set("");
                show(status);
            }
        }, ui);
    }

    /**
     * From now on every command goes to {@code next}, and the header shows {@code status} (its first answer).
     * The caller closes the link it replaces.
     */
    void switchTo(StimulatorLink next, GeneratorStatus status) {
        generation++;
        statusPending = false;
        link.set(next);
        description.set(next.description());
        linkProblem.set("");
        show(status);
    }

    /** Says something in the status line. */
    void say(String text) {
        message.set(text);
    }

    /** Where failures of commands are reported (the session routes them to the error banner). */
    void onProblem(Consumer<String> sink) {
        this.problems = sink;
    }

    private void failed(String what, Throwable failure) {
        String text = what + ": " + LinkProblems.describe(failure, link.get().address()) + ".";
        message.set(text);
        problems.accept(text);
        refresh();
    }

    void show(GeneratorStatus status) {
        mode.set(status.mode());
        running.set(status.mode() != GeneratorMode.OFF && status.mode() != GeneratorMode.FAULT);
        Optional<Therapy> now = status.therapy().map(ValidatedTherapy::therapy);
        if (!now.equals(therapy.get())) {
            therapy.set(now);
        }
        programs.set(now.map(t -> t.programs().stream().map(Program::name).collect(Collectors.joining(", ")))
                .orElse("none"));
        batteryPercent.set(status.batteryFraction() * 100.0);
        daysLeft.set(status.batteryDaysLeft());
        batteryLow.set(status.batteryLow());
        fault.set(status.faultReason().orElse(""));
    }

    /** STOP ALL: every output safe at once. Logged. */
    public void stopAll() {
        link.get().stopAll(who).whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                log.add(who, "STOP ALL failed", "every output", mode.get().name(), LinkProblems.describe(failure,
                        linkDescription()));
                failed("STOP ALL DID NOT REACH THE STIMULATOR", failure);
                return;
            }
            log.add(who, "STOP ALL", "every output", mode.get().name(), "stopped, outputs safe");
            message.set("STOP ALL: every output stopped and safe. Turn therapy on again when ready.");
            refresh();
        }, ui);
    }

    public void therapyOn() {
        link.get().start(who).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                failed("Therapy on was not sent", failure);
                return;
            }
            switch (result) {
                case ApplyResult.Applied applied -> {
                    log.add(who, "therapy on", "generator", mode.get().name(), "on");
                    message.set("Therapy on: each program soft-starts with its ramp.");
                }
                case ApplyResult.Rejected rejected -> message.set("Therapy not started: "
                        + rejected.violations().get(0).value() + "; " + rejected.violations().get(0).limit());
            }
            refresh();
        }, ui);
    }

    public void therapyOff() {
        link.get().stop(who).whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                failed("Therapy off was not sent", failure);
                return;
            }
            log.add(who, "therapy off", "generator", mode.get().name(), "off");
            message.set("Therapy off at the next pulse boundary.");
            refresh();
        }, ui);
    }

    public void clearFault() {
        link.get().clearFault(who).whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                failed("Clear fault was not sent", failure);
                return;
            }
            log.add(who, "clear fault", "generator", fault.get(), "cleared");
            refresh();
        }, ui);
    }

    /** Battery in words: {@code 82% (~310 days)}. */
    public String batteryText() {
        String days = Double.isFinite(daysLeft.get()) ? " (~" + Figures.format(Math.floor(daysLeft.get()), 0) + " days)" : "";
        return Figures.format(batteryPercent.get(), 1) + "%" + days;
    }

    public String linkDescription() {
        return description.get();
    }

    /** The link in use now: every command goes to it. */
    public StimulatorLink link() {
        return link.get();
    }

    public ReadOnlyObjectProperty<StimulatorLink> linkProperty() {
        return link.getReadOnlyProperty();
    }

    /** What the programmer talks to, in words ({@link StimulatorLink#description()}). */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Why the stimulator does not answer its status requests, empty while it does. */
    public ReadOnlyStringProperty linkProblemProperty() {
        return linkProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GeneratorMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public GeneratorMode mode() {
        return mode.get();
    }

    /** The therapy the generator holds, running or not. */
    public ReadOnlyObjectProperty<Optional<Therapy>> therapyProperty() {
        return therapy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty programsProperty() {
        return programs.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty batteryPercentProperty() {
        return batteryPercent.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty daysLeftProperty() {
        return daysLeft.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty batteryLowProperty() {
        return batteryLow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty faultProperty() {
        return fault.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last thing the generator commands said, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
