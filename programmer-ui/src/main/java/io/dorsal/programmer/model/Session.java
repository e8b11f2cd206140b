package io.dorsal.programmer.model;

import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.programmer.link.StimulatorLink;
import io.dorsal.programmer.records.PatientRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One programming session: a link to a stimulator and every view-model over it, sharing one session log.
 * The session starts on its home link (the embedded generator) and can switch to a rig and back; the
 * view-models always talk to the link in use ({@link GeneratorModel#link()}). The views take a session; tests
 * build one over an embedded link on a virtual clock with a direct executor. UI thread only.
 */
public final class Session implements AutoCloseable {

    private final StimulatorLink home;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper remote = new ReadOnlyBooleanWrapper(false);
    private final ConnectModel connect;
    private final SessionLog log;
    private final GeneratorModel generator;
    private final ProgrammerModel programmer;
    private final PreviewModel preview;
    private final ImpedanceModel impedance;
    private final PatientModel patient;
    private final ProgramSetsModel programSets;
    private final String clinician;
    /** The therapy the session started from: the report's "before". */
    private final Therapy initial;
    /** The open patient's records; empty in a session that keeps none (most tests). */
    private Optional<PatientRecords> records = Optional.empty();

    /**
     * @param link      the stimulator
     * @param ui        runs link answers on the UI thread ({@code Platform::runLater}; a direct executor in tests)
     * @param wallClock wall-clock time for the session log
     * @param clinician who is programming, as the log records it
     * @param initial   the therapy the draft starts from (the generator's, when it holds one)
     */
    public Session(StimulatorLink link, Executor ui, Clock wallClock, String clinician, Therapy initial) {
        this.home = link;
        this.ui = ui;
        this.clinician = clinician;
        this.initial = initial;
        this.log = new SessionLog(wallClock);
        this.generator = new GeneratorModel(link, ui, log, clinician);
        this.programmer = new ProgrammerModel(generator, log, ui, clinician, initial);
        this.preview = new PreviewModel(programmer, ui);
        this.impedance = new ImpedanceModel(programmer, ui);
        this.patient = new PatientModel(generator, log, ui);
        this.programSets = new ProgramSetsModel(generator, log, clinician, ui);
        this.connect = new ConnectModel(this, r -> Thread.ofVirtual().name("dorsal-connect").start(r), ui);
        generator.onProblem(programmer.notices()::showError);
        log.add(clinician, "session start", link.description(), "", TherapyText.summary(initial));
        generator.refresh();
    }

    /**
     * Keeps the open patient's record from now on (the patient is open in {@code kept} already, on this session's
     * stimulator): every apply and impedance check lands in it, and a rig's battery as found now; a write that fails is
     * said in the error banner and changes nothing on the stimulator.
     */
    public void keepRecords(PatientRecords kept) {
        if (kept.patientProperty().get() == null) {
            throw new IllegalStateException("open a patient in the records first");
        }
        this.records = Optional.of(kept);
        programmer.handover().onApplied(kept::applied);
        impedance.onChecked(kept::impedanceChecked);
        kept.problemProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty()) {
                programmer.notices().showError(now);
            }
        });
        log.add(clinician, "patient", PatientRecords.nameOf(kept.patientProperty().get()), "",
                kept.stimulatorProperty().get().serial());
        // the embedded simulated generator starts full every time, so its battery says nothing of the patient's
        // device; a rig's (or a device's) battery is recorded as found
        if (generator.link().serial().isPresent()) {
            generator.link().status().thenAcceptAsync(kept::batteryRead, ui);
        }
    }

    /** The open patient's records, if this session keeps them. */
    public Optional<PatientRecords> records() {
        return records;
    }

    /**
     * Writes the session report (a PDF when the file's name ends in .pdf, else HTML) once the generator's event log has come over the link (the UI does not
     * wait for it). A failure is shown in the error banner.
     *
     * @return completes (on the UI executor) with whether the report was written
     */
    public CompletableFuture<Boolean> exportReport(Path file) {
        StimulatorLink link = generator.link();
        String description = generator.linkDescription();
        return link.events().handleAsync((events, failure) -> {
            if (failure != null) {
                programmer.notices().showError("Cannot export the report: the generator's event log did not come: "
                        + LinkProblems.describe(failure, link.address()) + ".");
                return false;
            }
            try {
                writeReport(file, description, events);
                return true;
            } catch (IOException | UncheckedIOException e) {
                programmer.notices().showError("Cannot write the report " + file.getFileName() + ": " + e.getMessage());
                return false;
            }
        }, ui);
    }

    private void writeReport(Path file, String description, List<GeneratorEvent> events) throws IOException {
        SessionReport.Content content = new SessionReport.Content(log.wallClock().instant(), log.wallClock().getZone(),
                clinician, description, Optional.of(initial), generator.therapyProperty().get(),
                programmer.handover().dirtyProperty().get(), programmer.check().measuredOhm(),
                List.copyOf(impedance.rows()), List.copyOf(log.entries()), events,
                records.map(r -> io.dorsal.programmer.records.PatientReportPart.of(
                        new io.dorsal.programmer.records.PatientRecordModel(r, log.wallClock()),
                        log.wallClock().getZone())));
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
            Files.write(file, SessionReportPdf.render(content));
        } else {
            Files.writeString(file, SessionReport.html(content), StandardCharsets.UTF_8);
        }
        log.add(clinician, "report", file.getFileName().toString(), "", "exported");
    }

    /**
     * Switches every command to {@code next} (a rig, or back home), whose first answer was {@code first}: the
     * header shows it, the draft starts over from the therapy it holds, the impedance check of the other
     * stimulator is dropped, and the log records the switch. The link it replaces is closed, unless it is home.
     */
    public void switchTo(StimulatorLink next, GeneratorStatus first) {
        StimulatorLink before = generator.link();
        if (next == before) {
            return;
        }
        String from = generator.linkDescription();
        Optional<Therapy> held = first.therapy().map(ValidatedTherapy::therapy);
        if (records.isPresent()) {
            try {
                records.get().switchTo(next == home ? Optional.empty() : next.serial());
            } catch (io.dorsal.clinic.db.ClinicDatabaseException | io.dorsal.clinic.records.RecordsException e) {
                programmer.notices().showError("The patient's record does not follow this stimulator: "
                        + e.getMessage());
            }
        }
        generator.switchTo(next, first);
        programmer.handover().startOver(held);
        impedance.reset();
        remote.set(next != home);
        log.add(clinician, next == home ? "disconnect" : "connect", next.description(), from,
                held.map(TherapyText::summary).orElse("no therapy"));
        generator.say((next == home ? "Back on the " + next.description().toLowerCase(java.util.Locale.ROOT)
                : "Connected to " + next.description()) + ": the editor shows "
                + (held.isPresent() ? "the therapy it runs" : "your draft (it holds no therapy; Apply sends it)") + ".");
        if (before != home) {
            CompletableFuture.runAsync(before::close);
        }
    }

    /** Goes back to the home link (the embedded generator), closing the link to the rig. */
    public void disconnect() {
        if (!remote.get()) {
            return;
        }
        home.status().thenAcceptAsync(status -> switchTo(home, status), ui);
    }

    /** Whether the session talks to a rig (not its home link). */
    public ReadOnlyBooleanProperty remoteProperty() {
        return remote.getReadOnlyProperty();
    }

    /** Closes the link to a rig, if any, and the home link. */
    @Override
    public void close() {
        records.ifPresent(r -> r.sessionEnded(SessionLogText.of(log.entries())));
        if (remote.get()) {
            generator.link().close();
        }
        home.close();
    }

    /** The link in use now. */
    public StimulatorLink link() {
        return generator.link();
    }

    /** The link the session started on (the embedded generator). */
    public StimulatorLink home() {
        return home;
    }

    /** The "connect to rig" dialog's model. */
    public ConnectModel connect() {
        return connect;
    }

    public SessionLog log() {
        return log;
    }

    public GeneratorModel generator() {
        return generator;
    }

    public ProgrammerModel programmer() {
        return programmer;
    }

    public PreviewModel preview() {
        return preview;
    }

    public ImpedanceModel impedance() {
        return impedance;
    }

    public PatientModel patient() {
        return patient;
    }

    /** The program sets on the generator, as the clinician switches them. */
    public ProgramSetsModel programSets() {
        return programSets;
    }

    public String clinician() {
        return clinician;
    }
}
