package io.dorsal.programmer.model;

import io.dorsal.clinic.report.PdfPages;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.programmer.records.PatientReportPart;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The session report as a PDF a clinic can file (A4, PDFBox through the clinic module's {@link PdfPages}): the
 * patient and device, the therapy before and after, each program, the impedance check, the trends from the
 * patient's record with the impedance plot, every change of the session with its before and after, and the
 * generator's events. The same content as {@link SessionReport#html(SessionReport.Content)}.
 */
public final class SessionReportPdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SessionReportPdf() {
    }

    public static byte[] render(SessionReport.Content c) throws IOException {
        String title = "Dorsal session report" + c.patient().map(p -> " - " + p.patientLine()).orElse("");
        try (PdfPages w = new PdfPages(title)) {
            w.text("Dorsal session report", PdfPages.TITLE, true);
            w.text("Generated " + TIME.format(c.generatedAt().atZone(c.zone())) + " by " + c.clinician()
                    + ". Stimulator: " + c.link() + ".", PdfPages.BODY, false);
            w.text("Dorsal is a model for learning and research; it is not a medical device.", 8, false);
            if (c.patient().isPresent()) {
                PatientReportPart p = c.patient().get();
                w.gap();
                w.text("Patient", PdfPages.HEADING, true);
                w.text(p.patientLine(), PdfPages.BODY, false);
                w.text("Device: " + p.deviceLine(), PdfPages.BODY, false);
                if (p.trialLine().isPresent()) {
                    w.text(p.trialLine().get(), PdfPages.BODY, false);
                }
            }
            w.gap();
            w.text("Before and after", PdfPages.HEADING, true);
            w.text("At the session's start: " + c.atStart().map(TherapyText::summary).orElse("not known"),
                    PdfPages.BODY, false);
            w.text("On the generator now: " + c.applied().map(TherapyText::summary).orElse("none"), PdfPages.BODY,
                    false);
            if (c.draftPending()) {
                w.text("The programmer held changes that were not applied; they are not part of this report.", 8,
                        false);
            }
            if (c.applied().isPresent()) {
                Therapy t = c.applied().get();
                w.gap();
                w.text("Programs on the generator", PdfPages.HEADING, true);
                for (Program p : t.programs()) {
                    w.text(p.name() + ": " + TherapyText.electrodes(p.electrodes()) + "; " + TherapyText.ma(
                            p.amplitudeMa()) + ", " + p.pulseWidthUs() + " us, " + TherapyText.pattern(p)
                            + "; recharge " + TherapyText.recharge(p.recharge()) + "; ramp " + Figures.format(p.rampS())
                            + " s; cycling " + TherapyText.cycle(p.cycle()) + "; patient range "
                            + TherapyText.range(p.patientRange()), PdfPages.BODY, false);
                }
            }
            w.gap();
            w.text("Impedance check", PdfPages.HEADING, true);
            if (c.impedances().isEmpty()) {
                w.text("No impedance check in this session.", PdfPages.BODY, false);
            } else {
                StringBuilder line = new StringBuilder();
                for (ImpedanceReport.ContactImpedance i : c.impedances()) {
                    line.append(i.contact()).append(' ').append(Figures.format(i.impedanceOhm(), 0)).append(" ohm")
                            .append(i.status() == ImpedanceReport.Status.OK ? ""
                                    : " (" + i.status().name().toLowerCase(Locale.ROOT) + ")").append(";  ");
                }
                w.text(line.toString(), PdfPages.BODY, false);
            }
            if (c.patient().isPresent()) {
                PatientReportPart p = c.patient().get();
                w.gap();
                w.text("Trends from the patient's record", PdfPages.HEADING, true);
                if (p.impedanceTrend().isPresent()) {
                    w.text("Impedance per contact over the checks", PdfPages.BODY, true);
                    w.plot(p.impedanceTrend().get());
                } else {
                    w.text("Fewer than two impedance checks on record.", PdfPages.BODY, false);
                }
                if (p.impedanceFlags().isEmpty()) {
                    w.text("No jump, drift, open or short in the impedance checks.", PdfPages.BODY, false);
                }
                for (String flag : p.impedanceFlags()) {
                    w.text("FLAG " + flag, PdfPages.BODY, false);
                }
                w.text(p.batteryLine(), PdfPages.BODY, false);
            }
            w.gap();
            w.text("Session changes (time | who | action | what | before -> after)", PdfPages.HEADING, true);
            for (LogEntry e : c.log()) {
                w.text(TIME.format(e.when().atZone(c.zone())) + " | " + e.who() + " | " + e.action() + " | "
                        + e.what() + (e.before().isEmpty() && e.after().isEmpty() ? ""
                                : " | " + e.before() + " -> " + e.after()), PdfPages.BODY, false);
            }
            w.gap();
            w.text("Generator event log", PdfPages.HEADING, true);
            if (c.events().isEmpty()) {
                w.text("No events.", PdfPages.BODY, false);
            }
            for (GeneratorEvent e : c.events()) {
                w.text(Figures.format(e.timeNs() / 1e9, 3) + " s | " + e.kind().name() + " | " + e.who() + " | "
                        + e.message(), PdfPages.BODY, false);
            }
            return w.finish();
        }
    }
}
