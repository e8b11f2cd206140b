package io.dorsal.clinic.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.TrialState;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Therapy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patient from trial to implant: start, diary, judgement, conclusion, carry-over re-mapped and re-validated. */
class TrialsTest {

    private static final Change CLINICIAN = new Change("dr.smith", "trial");

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);
    private ClinicDatabase records;
    private PatientRegistry registry;
    private Trials trials;
    private Patient patient;
    private Device trialDevice;
    private Device implant;

    @BeforeEach
    void aPatientWithATrialStimulatorAndAnImplant() throws Exception {
        records = ClinicDatabase.open(new ClinicLocation.SqliteFile(folder.resolve("records.db")), clockMs::get);
        registry = new PatientRegistry(records);
        trials = new Trials(records);
        patient = registry.register(CLINICIAN, "MRN-1", "Doe", "Jane", LocalDate.of(1961, 4, 2));
        trialDevice = registry.addDevice(CLINICIAN, patient.patientId(), DeviceKind.TRIAL_STIMULATOR, "ETS",
                "ETS-1", LocalDate.of(2026, 11, 2));
        implant = registry.addDevice(CLINICIAN, patient.patientId(), DeviceKind.IMPLANTED_STIMULATOR, "IPG",
                "IPG-1", LocalDate.of(2026, 11, 20));
        registry.addLead(CLINICIAN, implant.deviceId(), "IL1", "8-contact", 8, 6.0, "T8");
        registry.addLead(CLINICIAN, implant.deviceId(), "IL2", "8-contact", 8, 6.0, "T9");
        String trialTherapy = Files.readString(Path.of("..", "examples", "two-programs.json"));
        records.append(CLINICIAN, AppliedTherapy.of(patient.patientId(), trialDevice.deviceId(), trialTherapy));
    }

    @AfterEach
    void close() throws Exception {
        records.close();
    }

    private Trial startedWithDiary(double... reliefPercent) throws Exception {
        Trial trial = trials.start(CLINICIAN, patient.patientId(), trialDevice.deviceId(),
                Trial.DEFAULT_CRITERION_RELIEF_PERCENT, 8);
        for (int day = 0; day < reliefPercent.length; day++) {
            trials.record(new Change("patient", "diary"), new DiaryEntry(trial.trialId(), LocalDate.of(2026, 11, 3)
                    .plusDays(day), 4, reliefPercent[day], "walked", "low-back", ""));
        }
        return trial;
    }

    @Test
    void judgesTheMeanReliefAgainstTheCriterionAtAndPastItsEdge() throws Exception {
        Trial trial = startedWithDiary(40, 50, 60);
        Judgement atEdge = trials.judge(trial.trialId());
        assertThat(atEdge.meanReliefPercent()).isEqualTo(50.0);
        assertThat(atEdge.verdict()).isEqualTo(Verdict.MET);
        assertThat(atEdge.summary()).contains("criterion 50% relief or better: MET", "mean reported relief 50.0%",
                "over 3 days", "mean pain 4.0/10 against 8/10", "(50.0% less)");

        // a correction of the last day to 59%: the mean falls just below the criterion
        trials.record(new Change("patient", "corrected"), new DiaryEntry(trial.trialId(), LocalDate.of(2026, 11, 5),
                4, 59.0, "walked", "low-back", ""));
        assertThat(trials.diary(trial.trialId())).hasSize(3);
        assertThat(trials.judge(trial.trialId()).verdict()).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void needsThreeDiaryDaysToConclude() throws Exception {
        Trial trial = startedWithDiary(80, 90);
        assertThat(trials.judge(trial.trialId()).verdict()).isEqualTo(Verdict.TOO_FEW_DAYS);
        assertThatThrownBy(() -> trials.conclude(CLINICIAN, trial.trialId()))
                .isInstanceOf(RecordsException.class)
                .hasMessageContaining("has 2 diary days, at least 3 are needed");
    }

    @Test
    void aConcludedTrialClosesItsDiaryAndKeepsItsHistory() throws Exception {
        Trial trial = startedWithDiary(70, 80, 75);
        Judgement done = trials.conclude(CLINICIAN, trial.trialId());
        assertThat(done.trial().state()).isEqualTo(TrialState.SUCCEEDED);
        assertThatThrownBy(() -> trials.record(CLINICIAN, new DiaryEntry(trial.trialId(), LocalDate.of(2026, 11, 9),
                2, 90, "", "", ""))).isInstanceOf(RecordsException.class).hasMessageContaining("diary is closed");
        assertThat(records.where(Trial.class, "trial_id", trial.trialId())).extracting(e -> e.record().state())
                .containsExactly(TrialState.RUNNING, TrialState.SUCCEEDED);
    }

    @Test
    void refusesASecondRunningTrialAndANonTrialDevice() throws Exception {
        startedWithDiary();
        assertThatThrownBy(() -> trials.start(CLINICIAN, patient.patientId(), trialDevice.deviceId(), 50, 8))
                .isInstanceOf(RecordsException.class).hasMessageContaining("is still running");
        assertThatThrownBy(() -> trials.start(CLINICIAN, patient.patientId(), implant.deviceId(), 50, 8))
                .isInstanceOf(RecordsException.class).hasMessageContaining("not an active trial device");
    }

    @Test
    void carriesTheProgramsToTheImplantRemappedAndRevalidated() throws Exception {
        Trial trial = startedWithDiary(70, 80, 75);
        trials.conclude(CLINICIAN, trial.trialId());

        CarryoverPlan plan = trials.planCarryover(trial.trialId(), implant.deviceId(),
                ContactMap.parse("L1=IL1+1,L2=IL2"));
        assertThat(plan.safe()).as(plan.violations().toString()).isTrue();
        assertThat(plan.differences()).contains(
                "lead L1 (8 contacts of 6.0 mm2) -> IL1 (8 contacts of 6.0 mm2, shifted +1 contact)",
                "program 'low-back': L1.2 -> IL1.3, L1.1 -> IL1.2, L1.3 -> IL1.4",
                "program 'left-leg': L2.4 -> IL2.4",
                "device limit complianceVoltageV: 15.0 on the trial stimulator, 12.0 on the implant");
        assertThat(plan.implantTherapy().program("low-back").orElseThrow().electrodes())
                .containsOnlyKeys(ContactId.parse("IL1.3"), ContactId.parse("IL1.2"), ContactId.parse("IL1.4"));

        AppliedTherapy applied = trials.applyCarryover(CLINICIAN, trial.trialId(), implant.deviceId(), plan);
        Therapy onImplant = ProgramCodec.read(applied.therapyJson());
        assertThat(onImplant.leads()).extracting(l -> l.name()).containsExactly("IL1", "IL2");
        assertThat(trials.lastTherapy(implant.deviceId())).contains(onImplant);
    }

    @Test
    void refusesAContactShiftedOffTheImplantedLead() throws Exception {
        Trial trial = startedWithDiary(70, 80, 75);
        trials.conclude(CLINICIAN, trial.trialId());
        CarryoverPlan plan = trials.planCarryover(trial.trialId(), implant.deviceId(),
                ContactMap.parse("L1=IL1,L2=IL2+4"));
        assertThat(plan.safe()).isFalse();
        assertThat(plan.violations()).isNotEmpty();
        assertThat(plan.violations().toString()).contains("IL2.8");
        assertThatThrownBy(() -> trials.applyCarryover(CLINICIAN, trial.trialId(), implant.deviceId(), plan))
                .isInstanceOf(RecordsException.class).hasMessageContaining("nothing was applied");
        assertThat(trials.lastTherapy(implant.deviceId())).isEmpty();
    }

    @Test
    void refusesOnTheImplantWhatOnlyTheTrialStimulatorsComplianceCouldDrive() throws Exception {
        Trial trial = startedWithDiary(70, 80, 75);
        trials.conclude(CLINICIAN, trial.trialId());
        // low-back's contacts measure 1400 ohm on the implant: at the top of its patient range (6 mA) the cathode's
        // 8.4 V plus an anode's 4.2 V (and the coupling capacitors) need more than the implant's 12 V
        Instant at = Instant.ofEpochMilli(clockMs.get());
        for (String contact : List.of("IL1.1", "IL1.2", "IL1.3", "IL1.4")) {
            records.append(CLINICIAN, new ImpedanceReading(patient.patientId(), implant.deviceId(), "c-1", contact,
                    1400, at));
        }
        CarryoverPlan plan = trials.planCarryover(trial.trialId(), implant.deviceId(),
                ContactMap.parse("L1=IL1+1,L2=IL2"));
        assertThat(plan.safe()).isFalse();
        assertThat(plan.violations()).extracting(v -> v.rule()).contains(SafetyRule.COMPLIANCE);
        // on the trial stimulator's 15 V the same program at the same impedances passes
        CarryoverPlan onTrialLimits = Carryover.plan(plan.trialTherapy(), plan.implantTherapy().leads(),
                TrialLimits.EXTERNAL_STIMULATOR, plan.map(), trials.latestImpedances(implant.deviceId()));
        assertThat(onTrialLimits.violations()).isEmpty();
        assertThat(onTrialLimits.safe()).isTrue();
    }

    @Test
    void refusesToApplyBeforeTheTrialSucceeded() throws Exception {
        Trial trial = startedWithDiary(70, 80, 75);
        CarryoverPlan plan = trials.planCarryover(trial.trialId(), implant.deviceId(), null);
        assertThat(plan.map().toString()).isEqualTo("L1=IL1,L2=IL2");
        assertThatThrownBy(() -> trials.applyCarryover(CLINICIAN, trial.trialId(), implant.deviceId(), plan))
                .isInstanceOf(RecordsException.class).hasMessageContaining("only after a successful trial");
        List<Entry<AppliedTherapy>> applied = records.where(AppliedTherapy.class, "device_id", implant.deviceId());
        assertThat(applied).isEmpty();
    }
}
