package io.dorsal.programmer.records;

import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.SessionLog;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.records.Therapies;
import io.dorsal.clinic.trial.Trials;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.Therapy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The patient the programmer is programming, and their records (the {@code clinic} module's database): which
 * patient is open, which of their stimulators the session programs, and every apply, impedance check, battery
 * reading, pump refill, diary entry and session log written into their record as it happens.
 *
 * <p>Writes run on {@code writer} (a background thread in the app, so that a disk's sync never stalls the window;
 * the caller's thread in tests) and are told on {@code ui}: {@link #revisionProperty()} counts the writes that
 * landed, {@link #problemProperty()} says in one line why one did not (the therapy on the stimulator is not
 * touched by a failed write). Opening a patient and checking a stimulator's serial are answered at once, since the
 * programmer must know before it goes on. UI thread only, apart from the writes it hands to {@code writer}.
 */
public final class PatientRecords implements AutoCloseable {

    /** The demo patient's clinic number: who the programmer programs when nobody is chosen. */
    public static final String DEMO_CLINIC_NUMBER = "DEMO-0001";
    /** The model the records give the embedded simulated generator when it stands in for a patient's implant. */
    public static final String SIMULATED_MODEL = "Dorsal embedded simulated generator";
    /** The model the records give a bench rig the first time a patient's session connects to it. */
    public static final String RIG_MODEL = "Dorsal bench rig";
    /** The model of the embedded simulated drug pump. */
    public static final String SIMULATED_PUMP_MODEL = "Dorsal embedded simulated pump";

    private final ClinicDatabase database;
    private final PatientRegistry registry;
    private final Therapies therapies;
    private final Trials trials;
    private final String clinician;
    private final Clock wallClock;
    private final Executor writer;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<Patient> patient = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Device> stimulator = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    /**
     * @param database  the open records
     * @param clinician who makes the changes, as every record's audit entry says
     * @param wallClock when readings were taken
     * @param writer    where the database is written
     * @param ui        the UI thread
     */
    public PatientRecords(ClinicDatabase database, String clinician, Clock wallClock, Executor writer, Executor ui) {
        this.database = database;
        this.registry = new PatientRegistry(database);
        this.therapies = new Therapies(database);
        this.trials = new Trials(database);
        this.clinician = clinician;
        this.wallClock = wallClock;
        this.writer = writer;
        this.ui = ui;
    }

    /** Patients whose name, clinic number or device serial contains {@code query}; every patient when it is blank. */
    public List<Patient> find(String query) throws ClinicDatabaseException {
        List<Patient> found = query.isBlank() ? registry.patients() : registry.find(query.strip());
        return found.stream().sorted(Comparator.comparing(Patient::familyName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Patient::givenName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** Registers a new patient (refused when the clinic number is another patient's). */
    public Patient register(String clinicNumber, String familyName, String givenName, LocalDate birthDate)
            throws ClinicDatabaseException, RecordsException {
        return registry.register(change("new patient"), clinicNumber.strip(), familyName.strip(), givenName.strip(),
                birthDate);
    }

    /** The demo patient, registered the first time it is asked for. */
    public Patient demoPatient() throws ClinicDatabaseException, RecordsException {
        Optional<Patient> demo = registry.byClinicNumber(DEMO_CLINIC_NUMBER);
        if (demo.isPresent()) {
            return demo.get();
        }
        Patient registered = registry.register(change("demo patient"), DEMO_CLINIC_NUMBER, "Demo", "Patient",
                LocalDate.of(1970, 1, 1));
        DemoHistory.write(this, registered, wallClock, bundledTherapyJson());
        return registered;
    }

    private static String bundledTherapyJson() {
        try (var in = PatientRecords.class.getResourceAsStream("/io/dorsal/programmer/two-programs.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code chosen} on the stimulator with {@code serial} (empty: the embedded simulated generator, which then
     * stands in for the patient's newest active stimulator other than a bench rig, or for a simulated implant
     * registered for them). Refused
     * when the serial is another patient's device; nothing changes then.
     */
    public Device open(Patient chosen, Optional<String> serial) throws ClinicDatabaseException, RecordsException {
        Device device = stimulatorFor(chosen, serial);
        patient.set(chosen);
        stimulator.set(device);
        revision.set(revision.get() + 1);
        return device;
    }

    /**
     * Checks that a stimulator with {@code serial} may be programmed for the open patient, without switching to it.
     *
     * @return the refusal, in one line, when the serial is another patient's device
     */
    public Optional<String> refusalFor(Optional<String> serial) throws ClinicDatabaseException {
        Patient p = patient.get();
        if (p == null || serial.isEmpty()) {
            return Optional.empty();
        }
        Optional<Device> known = registry.bySerial(serial.get());
        if (known.isPresent() && !known.get().patientId().equals(p.patientId())) {
            return Optional.of("Stimulator " + serial.get() + " belongs to another patient's record, not to "
                    + nameOf(p) + "'s. Open that patient to program it, or check the device. Nothing was changed.");
        }
        return Optional.empty();
    }

    /** The session moved to the stimulator with {@code serial} (checked first with {@link #refusalFor}). */
    public Device switchTo(Optional<String> serial) throws ClinicDatabaseException, RecordsException {
        Patient p = patient.get();
        if (p == null) {
            throw new IllegalStateException("no patient is open");
        }
        Device device = stimulatorFor(p, serial);
        stimulator.set(device);
        revision.set(revision.get() + 1);
        return device;
    }

    private Device stimulatorFor(Patient p, Optional<String> serial) throws ClinicDatabaseException,
            RecordsException {
        if (serial.isPresent()) {
            Optional<Device> known = registry.bySerial(serial.get());
            if (known.isPresent()) {
                registry.checkSerialBelongsTo(serial.get(), p.patientId());
                return known.get();
            }
            return registry.addDevice(change("first programmed from this record"), p.patientId(),
                    DeviceKind.IMPLANTED_STIMULATOR, RIG_MODEL, serial.get(), LocalDate.now(wallClock));
        }
        Optional<Device> active = registry.devices(p.patientId()).stream()
                .filter(d -> !d.kind().pump() && d.status() == DeviceStatus.ACTIVE && !d.model().equals(RIG_MODEL))
                .max(Comparator.comparing(Device::implantDate).thenComparing(d -> !d.kind().trial()));
        if (active.isPresent()) {
            return active.get();
        }
        return registry.addDevice(change("simulated implant for the programmer"), p.patientId(),
                DeviceKind.IMPLANTED_STIMULATOR, SIMULATED_MODEL, simulatedSerial(p, "SIM"),
                LocalDate.now(wallClock));
    }

    /** A serial for a simulated device of the patient: {@code prefix-} and the first 8 digits of their id. */
    static String simulatedSerial(Patient p, String prefix) {
        String id = p.patientId().replace("-", "");
        return prefix + "-" + id.substring(0, Math.min(8, id.length())).toUpperCase(Locale.ROOT);
    }

    /** The therapy the stimulator took, as applied (validated again by the records for the device's limits). */
    public void applied(Therapy therapy) {
        withDevice("apply", (p, d) -> therapies.apply(change("applied in the programmer"), d.deviceId(),
                ProgramCodec.write(therapy)));
    }

    /** Every contact of an impedance check, as one check. */
    public void impedanceChecked(ImpedanceReport report) {
        String checkId = UUID.randomUUID().toString();
        var at = wallClock.instant();
        // the embedded generator's check reports the simulated patient's figures (its therapy file's); a rig's, what
        // its ADC measured: either way, what the check said
        withDevice("impedance check", (p, d) -> database.appendAll(change("impedance check"), report.contacts()
                .stream().map(c -> new ImpedanceReading(p.patientId(), d.deviceId(), checkId, c.contact().toString(),
                        c.impedanceOhm(), at)).toList()));
    }

    /** The stimulator's battery as the session found it. */
    public void batteryRead(GeneratorStatus status) {
        var at = wallClock.instant();
        withDevice("battery reading", (p, d) -> database.append(change("battery at session start"),
                new BatteryReading(p.patientId(), d.deviceId(), at, 100.0 * status.batteryFraction(), 0.0)));
    }

    /**
     * A pump refill: recorded against the patient's simulated pump, registered the first time.
     *
     * @param drug                  the drug's name
     * @param concentrationMgPerMl  of the new fill
     * @param expectedResidualMl    what the pump expected to be drawn back
     * @param drawnMl               what was drawn back
     * @param filledMl              what was filled
     */
    public void refilled(String drug, double concentrationMgPerMl, double expectedResidualMl, double drawnMl,
            double filledMl) {
        Patient p = patient.get();
        if (p == null) {
            return;
        }
        var at = wallClock.instant();
        write("pump refill", () -> {
            Device pump = pumpOf(p);
            database.append(change("pump refill"), new PumpRefill(p.patientId(), pump.deviceId(), at, drug,
                    concentrationMgPerMl, expectedResidualMl, drawnMl, filledMl));
        });
    }

    private Device pumpOf(Patient p) throws ClinicDatabaseException, RecordsException {
        Optional<Device> active = registry.devices(p.patientId()).stream()
                .filter(d -> d.kind().pump() && d.status() == DeviceStatus.ACTIVE).findFirst();
        return active.isPresent() ? active.get()
                : registry.addDevice(change("simulated pump for the programmer"), p.patientId(),
                        DeviceKind.IMPLANTED_PUMP, SIMULATED_PUMP_MODEL, simulatedSerial(p, "SIMP"),
                        LocalDate.now(wallClock));
    }

    /** A day of the patient's running trial's diary. */
    public void diaryEntry(String trialId, LocalDate day, int painScore, double reliefPercent, String activity,
            String programsUsed, String notes) {
        write("trial diary", () -> trials.record(change("trial diary"), new DiaryEntry(trialId, day, painScore,
                reliefPercent, activity, programsUsed, notes)));
    }

    /** The session's log, as text, when the session ends. */
    public void sessionEnded(String logText) {
        withDevice("session log", (p, d) -> database.append(change("session end"),
                new SessionLog(p.patientId(), d.deviceId(), logText)));
    }

    private void withDevice(String what, DeviceWrite write) {
        Patient p = patient.get();
        Device d = stimulator.get();
        if (p == null || d == null) {
            return;
        }
        write(what, () -> write.run(p, d));
    }

    private void write(String what, Write write) {
        writer.execute(() -> {
            String failure = "";
            try {
                write.run();
            } catch (ClinicDatabaseException | RecordsException e) {
                failure = "The " + what + " was not written to the patient's record: " + e.getMessage();
            } catch (RuntimeException e) {
                failure = "The " + what + " was not written to the patient's record: " + e;
            }
            String said = failure;
            ui.execute(() -> {
                if (said.isEmpty()) {
                    revision.set(revision.get() + 1);
                } else {
                    problem.set(said);
                }
            });
        });
    }

    private Change change(String reason) {
        return new Change(clinician, reason);
    }

    /** {@code Jane Doe (MRN-4711)}. */
    public static String nameOf(Patient p) {
        return p.givenName() + " " + p.familyName() + " (" + p.clinicNumber() + ")";
    }

    /** The open patient; null until one is opened. */
    public ReadOnlyObjectProperty<Patient> patientProperty() {
        return patient.getReadOnlyProperty();
    }

    /** The patient's device the session programs now. */
    public ReadOnlyObjectProperty<Device> stimulatorProperty() {
        return stimulator.getReadOnlyProperty();
    }

    /** Counts the writes that landed: views of the record reload on it. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Why the last write that failed did, in one line; empty when none has. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The database, for the views that read the record (trends, diary, history). */
    public ClinicDatabase database() {
        return database;
    }

    public PatientRegistry registry() {
        return registry;
    }

    public Trials trials() {
        return trials;
    }

    public String clinician() {
        return clinician;
    }

    /** Waits for nothing: the writer's queue is the caller's to drain; closes the database. */
    @Override
    public void close() {
        try {
            database.close();
        } catch (ClinicDatabaseException e) {
            problem.set("The patient's records did not close cleanly: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws ClinicDatabaseException, RecordsException;
    }

    @FunctionalInterface
    private interface DeviceWrite {
        void run(Patient p, Device d) throws ClinicDatabaseException, RecordsException;
    }
}
