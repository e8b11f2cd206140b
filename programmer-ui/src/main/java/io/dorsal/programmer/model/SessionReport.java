package io.dorsal.programmer.model;

import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The session report: one self-contained HTML page (it prints to PDF from any browser) with the therapy the
 * generator holds, each program's dose per contact, the impedance check and the session's change log.
 */
public final class SessionReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SessionReport() {
    }

    /**
     * @param generatedAt   when the report is made
     * @param zone          the zone times are written in
     * @param clinician     who ran the session
     * @param link          what the programmer was connected to
     * @param applied       the therapy the generator holds, if any
     * @param draftPending  whether the draft differs from it (then it is not in the report: it was not applied)
     * @param measuredOhm   measured impedances, for the doses
     * @param impedances    the impedance check's rows, empty if none ran
     * @param log           the session log
     * @param events        the generator's own event log
     */
    public static String html(Instant generatedAt, ZoneId zone, String clinician, String link, Optional<Therapy> applied,
                              boolean draftPending, Map<io.dorsal.core.therapy.ContactId, Double> measuredOhm,
                              List<ImpedanceReport.ContactImpedance> impedances, List<LogEntry> log,
                              List<GeneratorEvent> events) {
        return html(new Content(generatedAt, zone, clinician, link, Optional.empty(), applied, draftPending, measuredOhm,
                impedances, log, events, Optional.empty()));
    }

    /**
     * What a session report holds.
     *
     * @param generatedAt   when the report is made
     * @param zone          the zone times are written in
     * @param clinician     who ran the session
     * @param link          what the programmer was connected to
     * @param atStart       the therapy the session found, if known (the report's "before")
     * @param applied       the therapy the generator holds, if any (its "after")
     * @param draftPending  whether the draft differs from it (then it is not in the report: it was not applied)
     * @param measuredOhm   measured impedances, for the doses
     * @param impedances    the impedance check's rows, empty if none ran
     * @param log           the session log
     * @param events        the generator's own event log
     * @param patient       the patient, their device and their trends, when the session kept their record
     */
    public record Content(Instant generatedAt, ZoneId zone, String clinician, String link, Optional<Therapy> atStart,
                          Optional<Therapy> applied, boolean draftPending,
                          Map<io.dorsal.core.therapy.ContactId, Double> measuredOhm,
                          List<ImpedanceReport.ContactImpedance> impedances, List<LogEntry> log,
                          List<GeneratorEvent> events, Optional<io.dorsal.programmer.records.PatientReportPart> patient) {
        public Content {
            measuredOhm = Map.copyOf(measuredOhm);
            impedances = List.copyOf(impedances);
            log = List.copyOf(log);
            events = List.copyOf(events);
        }
    }

    /** The report as one self-contained HTML page. */
    public static String html(Content content) {
        Instant generatedAt = content.generatedAt();
        ZoneId zone = content.zone();
        String clinician = content.clinician();
        String link = content.link();
        Optional<Therapy> applied = content.applied();
        boolean draftPending = content.draftPending();
        Map<io.dorsal.core.therapy.ContactId, Double> measuredOhm = content.measuredOhm();
        List<ImpedanceReport.ContactImpedance> impedances = content.impedances();
        List<LogEntry> log = content.log();
        List<GeneratorEvent> events = content.events();

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Dorsal session report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}"
                        + "th,td{border:1px solid #999;padding:3px 8px;text-align:left}th{background:#eee}"
                        + ".flag{color:#b00;font-weight:bold}.note{color:#555}</style></head><body>\n");
        h.append("<h1>Dorsal session report</h1>\n<p>Generated ").append(esc(TIME.format(generatedAt.atZone(zone))))
                .append(" by ").append(esc(clinician)).append(". Stimulator: ").append(esc(link)).append(".</p>\n");
        h.append("<p class=\"note\">Dorsal is a model for learning and research; it is not a medical device.</p>\n");
        content.patient().ifPresent(p -> {
            h.append("<h2>Patient</h2>\n<p>").append(esc(p.patientLine())).append("<br>Device: ")
                    .append(esc(p.deviceLine())).append("</p>\n");
            p.trialLine().ifPresent(t -> h.append("<p>").append(esc(t)).append("</p>\n"));
        });
        content.atStart().ifPresent(before -> h.append("<h2>Before and after</h2>\n<table><tr><th></th><th>therapy</th></tr>")
                .append("<tr><td>at the session's start</td><td>").append(esc(TherapyText.summary(before)))
                .append("</td></tr><tr><td>on the generator now</td><td>")
                .append(esc(applied.map(TherapyText::summary).orElse("none"))).append("</td></tr></table>\n"));

        h.append("<h2>Programs on the generator</h2>\n");
        if (applied.isEmpty()) {
            h.append("<p>No therapy on the generator.</p>\n");
        } else {
            Therapy t = applied.get();
            h.append("<table><tr><th>program</th><th>contacts</th><th>amplitude</th><th>pulse width</th><th>pattern</th>"
                    + "<th>recharge</th><th>ramp</th><th>cycling</th><th>patient range</th></tr>\n");
            for (Program p : t.programs()) {
                h.append("<tr><td>").append(esc(p.name())).append("</td><td>")
                        .append(esc(TherapyText.electrodes(p.electrodes()))).append("</td><td>")
                        .append(esc(TherapyText.ma(p.amplitudeMa()))).append("</td><td>").append(p.pulseWidthUs())
                        .append(" us</td><td>").append(esc(TherapyText.pattern(p))).append("</td><td>")
                        .append(esc(TherapyText.recharge(p.recharge()))).append("</td><td>")
                        .append(esc(Figures.format(p.rampS()))).append(" s</td><td>")
                        .append(esc(TherapyText.cycle(p.cycle()))).append("</td><td>")
                        .append(esc(TherapyText.range(p.patientRange()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
            SafetyValidator validator = new SafetyValidator(measuredOhm);
            for (Program p : t.programs()) {
                h.append("<h3>Dose of ").append(esc(p.name())).append(" at ").append(esc(TherapyText.ma(p.amplitudeMa())))
                        .append("</h3>\n<table><tr><th>contact</th><th>current mA</th><th>charge uC/phase</th>"
                                + "<th>density uC/cm2/phase</th><th>Shannon k</th><th>drive V</th></tr>\n");
                for (ContactDose d : validator.doses(t, p, p.amplitudeMa())) {
                    h.append("<tr><td>").append(esc(d.contact().toString())).append("</td><td>")
                            .append(Figures.format(d.currentMa())).append("</td><td>").append(Figures.format(d.chargeUc(), 3))
                            .append("</td><td>").append(Figures.format(d.chargeDensityUcPerCm2())).append("</td><td>")
                            .append(Figures.format(d.shannonK())).append("</td><td>").append(Figures.format(d.driveVoltageV()))
                            .append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        if (draftPending) {
            h.append("<p class=\"note\">The programmer held changes that were not applied; they are not part of this report.</p>\n");
        }

        h.append("<h2>Impedance check</h2>\n");
        if (impedances.isEmpty()) {
            h.append("<p>No impedance check in this session.</p>\n");
        } else {
            h.append("<table><tr><th>contact</th><th>impedance ohm</th><th>status</th></tr>\n");
            for (ImpedanceReport.ContactImpedance c : impedances) {
                boolean bad = c.status() != ImpedanceReport.Status.OK;
                h.append("<tr><td>").append(esc(c.contact().toString())).append("</td><td>")
                        .append(Figures.format(c.impedanceOhm(), 0)).append("</td><td")
                        .append(bad ? " class=\"flag\"" : "").append(">")
                        .append(c.status().name().toLowerCase(Locale.ROOT)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        content.patient().ifPresent(p -> {
            h.append("<h2>Trends from the patient's record</h2>\n");
            p.impedanceTrend().ifPresentOrElse(plot -> h.append("<p>Impedance per contact over the checks (")
                    .append(esc(plot.yRange())).append(")</p>\n").append(io.dorsal.clinic.report.SvgPlots.svg(plot, 640,
                            200)).append("\n"), () -> h.append("<p>Fewer than two impedance checks on record.</p>\n"));
            if (p.impedanceFlags().isEmpty()) {
                h.append("<p>No jump, drift, open or short in the impedance checks.</p>\n");
            } else {
                h.append("<ul>\n");
                p.impedanceFlags().forEach(f -> h.append("<li class=\"flag\">").append(esc(f)).append("</li>\n"));
                h.append("</ul>\n");
            }
            h.append("<p>").append(esc(p.batteryLine())).append("</p>\n");
        });

        h.append("<h2>Session changes</h2>\n<table><tr><th>time</th><th>who</th><th>action</th><th>what</th>"
                + "<th>before</th><th>after</th></tr>\n");
        for (LogEntry e : log) {
            h.append("<tr><td>").append(esc(TIME.format(e.when().atZone(zone)))).append("</td><td>").append(esc(e.who()))
                    .append("</td><td>").append(esc(e.action())).append("</td><td>").append(esc(e.what()))
                    .append("</td><td>").append(esc(e.before())).append("</td><td>").append(esc(e.after()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Generator event log</h2>\n<table><tr><th>generator time s</th><th>event</th><th>who</th><th>message</th></tr>\n");
        for (GeneratorEvent e : events) {
            h.append("<tr><td>").append(Figures.format(e.timeNs() / 1e9, 3)).append("</td><td>").append(esc(e.kind().name()))
                    .append("</td><td>").append(esc(e.who())).append("</td><td>").append(esc(e.message())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
