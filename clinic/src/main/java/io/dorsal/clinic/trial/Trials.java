package io.dorsal.clinic.trial;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.TrialKind;
import io.dorsal.clinic.TrialState;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.records.Therapies;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The trial workflow over the records: start a trial on a patient's trial device, keep its diary, judge it,
 * conclude it, and carry its programs to the implant. Every step is a row; refusals say why.
 */
public final class Trials {

    private final ClinicDatabase records;
    private final PatientRegistry registry;
    private final Supplier<String> ids;

    public Trials(ClinicDatabase records) {
        this(records, () -> UUID.randomUUID().toString());
    }

    Trials(ClinicDatabase records, Supplier<String> ids) {
        this.records = records;
        this.registry = new PatientRegistry(records);
        this.ids = ids;
    }

    /** Starts a trial on a trial device of the patient; refuses a second running trial. */
    public Trial start(Change change, String patientId, String trialDeviceId, double criterionReliefPercent,
            int baselinePainScore) throws ClinicDatabaseException, RecordsException {
        registry.patient(patientId);
        Device device = registry.device(trialDeviceId);
        if (!device.patientId().equals(patientId)) {
            throw new RecordsException("device " + device.serial() + " belongs to another patient; nothing was done");
        }
        if (!device.kind().trial() || device.status() != DeviceStatus.ACTIVE) {
            throw new RecordsException("device " + device.serial() + " is " + device.kind() + " (" + device.status()
                    + "), not an active trial device");
        }
        Optional<Trial> running = trials(patientId).stream().filter(t -> t.state() == TrialState.RUNNING).findFirst();
        if (running.isPresent()) {
            throw new RecordsException("trial " + running.get().trialId() + " is still running; conclude it first");
        }
        TrialKind kind = device.kind().pump() ? TrialKind.PUMP : TrialKind.STIMULATION;
        return records.append(change, new Trial(ids.get(), patientId, trialDeviceId, kind, criterionReliefPercent,
                baselinePainScore, TrialState.RUNNING)).record();
    }

    /** A patient's trials as now, oldest first. */
    public List<Trial> trials(String patientId) throws ClinicDatabaseException {
        Map<String, Trial> latest = new LinkedHashMap<>();
        for (Entry<Trial> e : records.where(Trial.class, "patient_id", patientId)) {
            latest.put(e.record().trialId(), e.record());
        }
        return new ArrayList<>(latest.values());
    }

    public Trial trial(String trialId) throws ClinicDatabaseException, RecordsException {
        List<Entry<Trial>> rows = records.where(Trial.class, "trial_id", trialId);
        if (rows.isEmpty()) {
            throw new RecordsException("no trial " + trialId);
        }
        return rows.getLast().record();
    }

    /** Records a day of the diary (a second entry for the same day corrects it); only while the trial runs. */
    public DiaryEntry record(Change change, DiaryEntry entry) throws ClinicDatabaseException, RecordsException {
        Trial trial = trial(entry.trialId());
        if (trial.state() != TrialState.RUNNING) {
            throw new RecordsException("trial " + trial.trialId() + " is " + trial.state() + "; its diary is closed");
        }
        return records.append(change, entry).record();
    }

    /** The diary, one entry per day (the newest of a day), by day. */
    public List<DiaryEntry> diary(String trialId) throws ClinicDatabaseException {
        Map<java.time.LocalDate, DiaryEntry> byDay = new HashMap<>();
        for (Entry<DiaryEntry> e : records.where(DiaryEntry.class, "trial_id", trialId)) {
            byDay.put(e.record().day(), e.record());
        }
        return byDay.values().stream().sorted(Comparator.comparing(DiaryEntry::day)).toList();
    }

    public Judgement judge(String trialId) throws ClinicDatabaseException, RecordsException {
        return Judgement.of(trial(trialId), diary(trialId));
    }

    /** Concludes a running trial as its diary says (succeeded or failed); refuses with too few diary days. */
    public Judgement conclude(Change change, String trialId) throws ClinicDatabaseException, RecordsException {
        Judgement j = judge(trialId);
        if (j.trial().state() != TrialState.RUNNING) {
            throw new RecordsException("trial " + trialId + " is already " + j.trial().state());
        }
        if (j.verdict() == Verdict.TOO_FEW_DAYS) {
            throw new RecordsException("trial " + trialId + " has " + j.diary().size() + " diary days, at least "
                    + Judgement.MIN_DIARY_DAYS + " are needed to conclude it");
        }
        Trial concluded = j.trial().withState(j.verdict() == Verdict.MET ? TrialState.SUCCEEDED : TrialState.FAILED);
        records.append(change, concluded);
        return Judgement.of(concluded, j.diary());
    }

    /** The newest therapy applied to a device, parsed, or empty. */
    public Optional<Therapy> lastTherapy(String deviceId) throws ClinicDatabaseException, RecordsException {
        List<Entry<AppliedTherapy>> applied = records.where(AppliedTherapy.class, "device_id", deviceId);
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProgramCodec.read(applied.getLast().record().therapyJson()));
        } catch (ProgramFileException e) {
            throw new RecordsException("the therapy last applied to device " + deviceId + " cannot be read: "
                    + e.describe());
        }
    }

    /**
     * Plans the carry-over of a trial's last therapy (on the trial device, with the trial stimulator's limits) to
     * the implant {@code implantDeviceId} of the same patient, with its recorded leads and latest impedances;
     * {@code map} null maps the trial leads to the implanted ones in order.
     */
    public CarryoverPlan planCarryover(String trialId, String implantDeviceId, ContactMap map)
            throws ClinicDatabaseException, RecordsException {
        Trial trial = trial(trialId);
        Device implant = registry.device(implantDeviceId);
        if (!implant.patientId().equals(trial.patientId())) {
            throw new RecordsException("device " + implant.serial() + " belongs to another patient; nothing was done");
        }
        if (implant.kind().trial() || implant.kind().pump() || implant.status() != DeviceStatus.ACTIVE) {
            throw new RecordsException("device " + implant.serial() + " is " + implant.kind() + " ("
                    + implant.status() + "), not an active implanted stimulator");
        }
        Therapy onTrial = lastTherapy(trial.deviceId()).orElseThrow(() -> new RecordsException("no therapy was"
                + " applied to the trial device: nothing to carry over"));
        Therapy trialTherapy = new Therapy(onTrial.leads(), onTrial.programs(), TrialLimits.EXTERNAL_STIMULATOR);
        List<Lead> implantLeads = registry.leads(implantDeviceId).stream()
                .filter(l -> l.status() == DeviceStatus.ACTIVE)
                .map(l -> new Lead(l.name(), l.contactCount(), l.contactAreaMm2()))
                .toList();
        if (implantLeads.isEmpty()) {
            throw new RecordsException("device " + implant.serial() + " has no leads recorded; record them first");
        }
        ContactMap chosen = map != null ? map : ContactMap.inOrder(
                trialTherapy.leads().stream().map(Lead::name).toList(), implantLeads.stream().map(Lead::name).toList());
        return Carryover.plan(trialTherapy, implantLeads, TrialLimits.IMPLANT, chosen, latestImpedances(
                implantDeviceId));
    }

    /** Applies a safe plan to the implant: the re-mapped therapy recorded as applied. Only after a successful trial. */
    public AppliedTherapy applyCarryover(Change change, String trialId, String implantDeviceId, CarryoverPlan plan)
            throws ClinicDatabaseException, RecordsException {
        Trial trial = trial(trialId);
        if (trial.state() != TrialState.SUCCEEDED) {
            throw new RecordsException("trial " + trialId + " is " + trial.state() + ": programs are carried over"
                    + " only after a successful trial");
        }
        if (!plan.safe()) {
            throw new RecordsException("the carried-over therapy is not safe on the implant ("
                    + (plan.violations().size() + plan.unmapped().size()) + " problems); nothing was applied");
        }
        Device implant = registry.device(implantDeviceId);
        AppliedTherapy applied = AppliedTherapy.of(implant.patientId(), implantDeviceId,
                ProgramCodec.write(plan.implantTherapy()));
        return records.append(change, applied).record();
    }

    /** The latest reading of each contact of a device. */
    Map<ContactId, Double> latestImpedances(String deviceId) throws ClinicDatabaseException {
        return new Therapies(records).latestImpedances(deviceId);
    }
}
