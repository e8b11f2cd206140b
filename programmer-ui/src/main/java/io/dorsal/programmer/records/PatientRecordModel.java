package io.dorsal.programmer.records;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.SessionLog;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.TrialState;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.trend.BatteryProjection;
import io.dorsal.clinic.trend.ImpedanceFlag;
import io.dorsal.clinic.trend.ImpedanceTrends;
import io.dorsal.clinic.trial.Judgement;
import io.dorsal.clinic.trial.TrialLimits;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.programmer.model.TherapyText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open patient's record as the programmer shows it: what was done, newest first (therapies applied, impedance
 * checks, battery readings, refills, trials, session logs), each at the time it happened where the record says
 * (a reading's, a refill's, a device's implant date) and otherwise when it was recorded, the latest trial's diary with its judgement against
 * the criterion, and the trends (impedance per contact over visits with the jumps and drifts flagged, the battery
 * with its projected end of service). Reloads whenever a write lands ({@link PatientRecords#revisionProperty()}).
 * A diary day can be added to a running trial. UI thread only; reads are quick local queries.
 */
public final class PatientRecordModel {

    /** One thing done, for the history table; {@code seq} is its audit entry's number (later is higher). */
    public record HistoryRow(Instant at, String who, String what, String detail, long seq) {
    }

    /** One point of a trend: when, and the value. */
    public record Point(Instant at, double value) {
    }

    private final PatientRecords records;
    private final Clock wallClock;
    private final ReadOnlyStringWrapper patientLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper deviceLine = new ReadOnlyStringWrapper("");
    private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<Judgement>> trial = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper canAddDiary = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Map<String, List<Point>>> impedance = new ReadOnlyObjectWrapper<>(Map.of());
    private final ObservableList<String> impedanceFlags = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<Point>> battery = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper batteryProjection = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final IntegerProperty diaryPain = new SimpleIntegerProperty(5);
    private final IntegerProperty diaryRelief = new SimpleIntegerProperty(50);
    private final StringProperty diaryActivity = new SimpleStringProperty("");
    private final StringProperty diaryNotes = new SimpleStringProperty("");

    public PatientRecordModel(PatientRecords records, Clock wallClock) {
        this.records = records;
        this.wallClock = wallClock;
        records.revisionProperty().addListener((obs, was, now) -> reload());
        reload();
    }

    /** Reads the record again. */
    public void reload() {
        Patient p = records.patientProperty().get();
        Device d = records.stimulatorProperty().get();
        if (p == null || d == null) {
            return;
        }
        try {
            patientLine.set(PatientRecords.nameOf(p) + ", born " + p.birthDate());
            deviceLine.set(d.serial() + " · " + d.model() + " · " + words(d.kind().name()) + " since "
                    + d.implantDate());
            ClinicDatabase db = records.database();
            history.setAll(history(db, p));
            loadTrial(p);
            List<ImpedanceReading> readings = db.where(ImpedanceReading.class, "device_id", d.deviceId()).stream()
                    .map(Entry::record).toList();
            Map<String, List<Point>> byContact = new LinkedHashMap<>();
            ImpedanceTrends.byContact(readings).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byContact.put(e.getKey(), e.getValue().stream()
                            .map(r -> new Point(r.measuredAt(), r.impedanceOhm())).toList()));
            impedance.set(byContact);
            impedanceFlags.setAll(ImpedanceTrends.flags(readings, TrialLimits.forDevice(d.kind())).stream()
                    .map(ImpedanceFlag::message).toList());
            List<BatteryReading> charge = db.where(BatteryReading.class, "device_id", d.deviceId()).stream()
                    .map(Entry::record).sorted(Comparator.comparing(BatteryReading::measuredAt)).toList();
            battery.set(charge.stream().map(r -> new Point(r.measuredAt(), r.chargePercent())).toList());
            batteryProjection.set(BatteryProjection.of(charge).message());
            problem.set("");
        } catch (ClinicDatabaseException | RecordsException e) {
            problem.set("The record could not be read: " + e.getMessage());
        }
    }

    private void loadTrial(Patient p) throws ClinicDatabaseException, RecordsException {
        List<Trial> trials = records.trials().trials(p.patientId());
        if (trials.isEmpty()) {
            trial.set(Optional.empty());
            canAddDiary.set(false);
            return;
        }
        Trial latest = trials.getLast();
        trial.set(Optional.of(records.trials().judge(latest.trialId())));
        canAddDiary.set(latest.state() == TrialState.RUNNING);
    }

    private static List<HistoryRow> history(ClinicDatabase db, Patient p) throws ClinicDatabaseException {
        List<HistoryRow> rows = new ArrayList<>();
        for (Entry<AppliedTherapy> e : db.where(AppliedTherapy.class, "patient_id", p.patientId())) {
            rows.add(new HistoryRow(e.at(), e.actor(), "therapy applied", therapySummary(e.record().therapyJson()), e.seq()));
        }
        Map<String, List<Entry<ImpedanceReading>>> checks = db.where(ImpedanceReading.class, "patient_id",
                p.patientId()).stream().collect(Collectors.groupingBy(e -> e.record().checkId(), LinkedHashMap::new,
                Collectors.toList()));
        for (List<Entry<ImpedanceReading>> check : checks.values()) {
            Entry<ImpedanceReading> first = check.get(0);
            double min = check.stream().mapToDouble(e -> e.record().impedanceOhm()).min().orElse(0);
            double max = check.stream().mapToDouble(e -> e.record().impedanceOhm()).max().orElse(0);
            rows.add(new HistoryRow(first.record().measuredAt(), first.actor(), "impedance check", String.format(
                    Locale.ROOT, "%d contacts, %.0f to %.0f ohm", check.size(), min, max), first.seq()));
        }
        for (Entry<BatteryReading> e : db.where(BatteryReading.class, "patient_id", p.patientId())) {
            rows.add(new HistoryRow(e.record().measuredAt(), e.actor(), "battery", String.format(Locale.ROOT,
                    "%.0f %%", e.record().chargePercent()), e.seq()));
        }
        for (Entry<PumpRefill> e : db.where(PumpRefill.class, "patient_id", p.patientId())) {
            rows.add(new HistoryRow(e.record().refilledAt(), e.actor(), "pump refill", String.format(Locale.ROOT,
                    "%s %.2f mg/mL: drawn %.2f mL (expected %.2f), filled %.2f mL", e.record().drug(),
                    e.record().concentrationMgPerMl(), e.record().drawnMl(), e.record().expectedResidualMl(),
                    e.record().filledMl()), e.seq()));
        }
        for (Entry<Trial> e : db.where(Trial.class, "patient_id", p.patientId())) {
            rows.add(new HistoryRow(e.at(), e.actor(), "trial", words(e.record().kind().name()) + ": "
                    + words(e.record().state().name()), e.seq()));
        }
        java.util.Set<String> implanted = new java.util.HashSet<>();
        for (Entry<Device> e : db.where(Device.class, "patient_id", p.patientId())) {
            Device d = e.record();
            // a device's first row happened on its implant date (it may be recorded later); later rows when recorded
            Instant when = implanted.add(d.deviceId())
                    ? d.implantDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : e.at();
            rows.add(new HistoryRow(when, e.actor(), "device", d.serial() + " " + d.model() + ": "
                    + words(d.status().name()), e.seq()));
        }
        for (Entry<SessionLog> e : db.where(SessionLog.class, "patient_id", p.patientId())) {
            long lines = e.record().logText().lines().count();
            rows.add(new HistoryRow(e.at(), e.actor(), "session", lines + " log entries", e.seq()));
        }
        rows.sort(Comparator.comparing(HistoryRow::at).thenComparingLong(HistoryRow::seq).reversed());
        return rows;
    }

    private static String therapySummary(String json) {
        try {
            return TherapyText.summary(ProgramCodec.read(json));
        } catch (ProgramFileException e) {
            return "(a therapy this programmer cannot read: " + e.describe() + ")";
        }
    }

    private static String words(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Adds today's diary day to the running trial (a second entry for a day replaces the first as the trial reads it). */
    public boolean addDiaryDay() {
        Optional<Judgement> j = trial.get();
        if (j.isEmpty() || j.get().trial().state() != TrialState.RUNNING) {
            problem.set("No trial is running for this patient: start one with stimctl trial start.");
            return false;
        }
        if (diaryPain.get() < DiaryEntry.MIN_PAIN_SCORE || diaryPain.get() > 10) {
            problem.set("Pain score " + diaryPain.get() + " is outside 0 to 10.");
            return false;
        }
        if (diaryRelief.get() < 0 || diaryRelief.get() > 100) {
            problem.set("Relief " + diaryRelief.get() + " % is outside 0 to 100 %.");
            return false;
        }
        records.diaryEntry(j.get().trial().trialId(), LocalDate.now(wallClock), diaryPain.get(), diaryRelief.get(),
                diaryActivity.get().strip(), "", diaryNotes.get().strip());
        diaryActivity.set("");
        diaryNotes.set("");
        return true;
    }

    public ReadOnlyStringProperty patientLineProperty() {
        return patientLine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deviceLineProperty() {
        return deviceLine.getReadOnlyProperty();
    }

    public ObservableList<HistoryRow> history() {
        return history;
    }

    /** The latest trial judged against its criterion, with its diary; empty when the patient has had none. */
    public ReadOnlyObjectProperty<Optional<Judgement>> trialProperty() {
        return trial.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAddDiaryProperty() {
        return canAddDiary.getReadOnlyProperty();
    }

    /** Impedance per contact over the checks of the device the session programs, oldest first. */
    public ReadOnlyObjectProperty<Map<String, List<Point>>> impedanceProperty() {
        return impedance.getReadOnlyProperty();
    }

    /** A line per jump, drift, open or short found in the impedance trend (rule: docs/safety.md). */
    public ObservableList<String> impedanceFlags() {
        return impedanceFlags;
    }

    public ReadOnlyObjectProperty<List<Point>> batteryProperty() {
        return battery.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batteryProjectionProperty() {
        return batteryProjection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public IntegerProperty diaryPainProperty() {
        return diaryPain;
    }

    public IntegerProperty diaryReliefProperty() {
        return diaryRelief;
    }

    public StringProperty diaryActivityProperty() {
        return diaryActivity;
    }

    public StringProperty diaryNotesProperty() {
        return diaryNotes;
    }
}
