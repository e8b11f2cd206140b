package io.dorsal.programmer.model;

import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.programmer.link.StimulatorLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One programming session: a link to a stimulator and every view-model over it, sharing one session log.
 * The views take a session; tests build one over an embedded link on a virtual clock with a direct executor.
 */
public final class Session {

    private final StimulatorLink link;
    private final SessionLog log;
    private final GeneratorModel generator;
    private final ProgrammerModel programmer;
    private final PreviewModel preview;
    private final ImpedanceModel impedance;
    private final PatientModel patient;
    private final String clinician;

    /**
     * @param link      the stimulator
     * @param ui        runs link answers on the UI thread ({@code Platform::runLater}; a direct executor in tests)
     * @param wallClock wall-clock time for the session log
     * @param clinician who is programming, as the log records it
     * @param initial   the therapy the draft starts from (the generator's, when it holds one)
     */
    public Session(StimulatorLink link, Executor ui, Clock wallClock, String clinician, Therapy initial) {
        this.link = link;
        this.clinician = clinician;
        this.log = new SessionLog(wallClock);
        this.generator = new GeneratorModel(link, ui, log, clinician);
        this.programmer = new ProgrammerModel(generator, log, ui, clinician, initial);
        this.preview = new PreviewModel(programmer, ui);
        this.impedance = new ImpedanceModel(programmer, ui);
        this.patient = new PatientModel(generator, log, ui);
        log.add(clinician, "session start", link.description(), "", ProgrammerModel.summary(initial));
        generator.refresh();
    }

    /** Writes the HTML session report; the generator's event log is read now, from the link. */
    public void exportReport(Path file) throws IOException {
        List<GeneratorEvent> events = link.events().join();
        String html = SessionReport.html(log.wallClock().instant(), log.wallClock().getZone(), clinician,
                link.description(), generator.therapyProperty().get(), programmer.dirtyProperty().get(),
                programmer.measuredOhm(), List.copyOf(impedance.rows()), List.copyOf(log.entries()), events);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        log.add(clinician, "report", file.getFileName().toString(), "", "exported");
    }

    public StimulatorLink link() {
        return link;
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

    public String clinician() {
        return clinician;
    }
}
