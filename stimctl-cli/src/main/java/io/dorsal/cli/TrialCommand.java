package io.dorsal.cli;

import io.dorsal.clinic.Device;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.report.HtmlTrialReport;
import io.dorsal.clinic.report.PdfTrialReport;
import io.dorsal.clinic.report.TrialReport;
import io.dorsal.clinic.trial.CarryoverPlan;
import io.dorsal.clinic.trial.ContactMap;
import io.dorsal.clinic.trial.Judgement;
import io.dorsal.clinic.trial.Trials;
import io.dorsal.clinic.trial.Verdict;
import io.dorsal.core.safety.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl trial}: a patient's trial, from its start to the programs carried to the implant. */
@Command(name = "trial", mixinStandardHelpOptions = true,
        description = "Starts a trial, keeps its diary, judges it and carries its programs to the implant"
                + " (docs/user-guide.md, docs/clinic.md). PATIENT is a patient id or clinic number; the command"
                + " works on that patient's newest trial.",
        subcommands = {TrialCommand.Start.class, TrialCommand.Diary.class, TrialCommand.Judge.class,
            TrialCommand.Carry.class, TrialCommand.Report.class})
final class TrialCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a trial command: start, diary, judge, carry or report");
    }

    /** The patient's newest trial. */
    static Trial newest(ClinicDatabase records, String patient) throws ClinicDatabaseException, RecordsException {
        Patient p = PatientCommand.resolve(new PatientRegistry(records), patient);
        List<Trial> all = new Trials(records).trials(p.patientId());
        if (all.isEmpty()) {
            throw new RecordsException("patient " + p.patientId() + " has no trial; start one with stimctl trial start");
        }
        return all.getLast();
    }

    static Device bySerialOrId(PatientRegistry registry, String device) throws ClinicDatabaseException,
            RecordsException {
        var bySerial = registry.bySerial(device);
        return bySerial.isPresent() ? bySerial.get() : registry.device(device);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts a trial of PATIENT on a trial device (serial or id).")
    static final class Start implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Option(names = "--device", required = true, description = "the trial stimulator or trial pump (serial or id)")
        String device;
        @Option(names = "--baseline-pain", required = true, description = "the pain score before the trial, 0 to 10")
        int baselinePain;
        @Option(names = "--criterion", defaultValue = "50",
                description = "the relief (%%) the trial must reach to succeed (default ${DEFAULT-VALUE})")
        double criterionPercent;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                PatientRegistry registry = new PatientRegistry(records);
                Patient p = PatientCommand.resolve(registry, patient);
                Device d = bySerialOrId(registry, device);
                Trial t = new Trials(records).start(clinic.change("trial started"), p.patientId(), d.deviceId(),
                        criterionPercent, baselinePain);
                spec.commandLine().getOut().println("trial " + t.trialId() + " started on " + d.serial()
                        + ": success is " + t.criterionReliefPercent() + "% relief or better");
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "diary", mixinStandardHelpOptions = true,
            description = "Records a day of the running trial's diary (a second entry for a day corrects it).")
    static final class Diary implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD")
        LocalDate day;
        @Option(names = "--pain", required = true, description = "pain score, 0 to 10")
        int pain;
        @Option(names = "--relief", required = true, description = "relief the patient reports, 0 to 100 (%%)")
        double reliefPercent;
        @Option(names = "--activity", defaultValue = "")
        String activity;
        @Option(names = "--programs", defaultValue = "", description = "the programs used that day")
        String programs;
        @Option(names = "--notes", defaultValue = "")
        String notes;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Trial t = newest(records, patient);
                DiaryEntry e = new Trials(records).record(clinic.change("trial diary"), new DiaryEntry(t.trialId(), day,
                        pain, reliefPercent, activity, programs, notes));
                spec.commandLine().getOut().println("trial " + t.trialId() + ", " + e.day() + ": pain " + e.painScore()
                        + "/10, relief " + e.reliefPercent() + "%");
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = "Judges the trial against its criterion, with the data; --conclude records the outcome.")
    static final class Judge implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Option(names = "--conclude", description = "record the trial as succeeded or failed, as the diary says")
        boolean conclude;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Trials trials = new Trials(records);
                Trial t = newest(records, patient);
                Judgement j = conclude ? trials.conclude(clinic.change("trial concluded"), t.trialId())
                        : trials.judge(t.trialId());
                PrintWriter out = spec.commandLine().getOut();
                for (DiaryEntry e : j.diary()) {
                    out.println(e.day() + "  pain " + e.painScore() + "/10  relief " + e.reliefPercent() + "%  "
                            + e.activity());
                }
                out.println("trial " + t.trialId() + " (" + j.trial().state() + "): " + j.summary());
                return j.verdict() == Verdict.MET ? 0 : Stimctl.EXIT_REFUSED;
            } catch (ClinicDatabaseException | RecordsException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "carry", mixinStandardHelpOptions = true,
            description = "Shows the trial's programs as they would run on the implant: contacts re-mapped, every"
                    + " program re-validated against the implant's limits, every difference; --apply records the"
                    + " therapy on the implant (only after a successful trial, only when every program is safe).")
    static final class Carry implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Option(names = "--implant", required = true, description = "the implanted stimulator (serial or id)")
        String implant;
        @Option(names = "--map", paramLabel = "L1=IL1+1,...",
                description = "trial lead to implanted lead, with a shift in contacts (default: in order, no shift)")
        String map;
        @Option(names = "--apply", description = "record the re-mapped therapy as applied to the implant")
        boolean apply;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (ClinicDatabase records = clinic.open()) {
                Trials trials = new Trials(records);
                Trial t = newest(records, patient);
                Device d = bySerialOrId(new PatientRegistry(records), implant);
                CarryoverPlan plan = trials.planCarryover(t.trialId(), d.deviceId(),
                        map == null ? null : ContactMap.parse(map));
                out.println("contact map: " + plan.map());
                plan.differences().forEach(line -> out.println("  " + line));
                plan.unmapped().forEach(line -> err.println("not mapped: " + line));
                for (Violation v : plan.violations()) {
                    err.println("refused on the implant: " + v.message());
                }
                if (!plan.safe()) {
                    err.println("not safe on the implant: nothing was applied");
                    return Stimctl.EXIT_REFUSED;
                }
                if (!apply) {
                    out.println("every program is within the implant's limits; run again with --apply to record it");
                    return 0;
                }
                trials.applyCarryover(clinic.change("carried over from trial " + t.trialId()), t.trialId(),
                        d.deviceId(), plan);
                out.println("applied to " + d.serial() + ": " + plan.implantTherapy().programs().size() + " programs");
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes the trial report (the judgement, the diary as a table and plotted, and with"
                    + " --implant the carry-over) as HTML and/or PDF.")
    static final class Report implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Option(names = "--html", paramLabel = "FILE")
        Path html;
        @Option(names = "--pdf", paramLabel = "FILE")
        Path pdf;
        @Option(names = "--implant", description = "include the carry-over to this implant (serial or id)")
        String implant;
        @Option(names = "--map", paramLabel = "L1=IL1+1,...")
        String map;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (html == null && pdf == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name --html FILE, --pdf FILE or both");
            }
            try (ClinicDatabase records = clinic.open()) {
                PatientRegistry registry = new PatientRegistry(records);
                Trials trials = new Trials(records);
                Trial t = newest(records, patient);
                CarryoverPlan plan = implant == null ? null : trials.planCarryover(t.trialId(),
                        bySerialOrId(registry, implant).deviceId(), map == null ? null : ContactMap.parse(map));
                TrialReport report = new TrialReport(registry.patient(t.patientId()), registry.device(t.deviceId()),
                        trials.judge(t.trialId()), plan, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                                .withZone(ZoneOffset.UTC).format(Instant.now()));
                if (html != null) {
                    Files.writeString(html, HtmlTrialReport.render(report), StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("wrote " + html);
                }
                if (pdf != null) {
                    Files.write(pdf, PdfTrialReport.render(report));
                    spec.commandLine().getOut().println("wrote " + pdf);
                }
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            } catch (IOException e) {
                spec.commandLine().getErr().println("stimctl: cannot write the report: " + e.getMessage());
                return Stimctl.EXIT_REFUSED;
            }
        }
    }
}
