package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records commands as a clinic uses them: patients, devices, backup, restore, refusals on one line. */
class StimctlClinicTest {

    @TempDir
    Path folder;

    private String db() {
        return folder.resolve("clinic").resolve("records.db").toString();
    }

    private String addPatient(String number, String family) {
        CliRun run = stimctl("patient", "add", "--db", db(), "--as", "dr.smith", "--clinic-number", number,
                "--family", family, "--given", "Jane", "--born", "1961-04-02");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().split(" ")[0];
    }

    @Test
    void registersFindsAndShowsAPatientWithDevicesAndLeads() {
        String id = addPatient("MRN-4711", "Doe");
        CliRun device = stimctl("patient", "add-device", "MRN-4711", "--db", db(), "--kind", "TRIAL_STIMULATOR",
                "--model", "Dorsal ETS", "--serial", "ETS-77", "--since", "2026-11-02");
        assertThat(device.exitCode()).as(device.err()).isZero();
        CliRun lead = stimctl("patient", "add-lead", "ETS-77", "--db", db(), "--name", "L1", "--model", "8-contact",
                "--contacts", "8", "--area-mm2", "12", "--level", "T8");
        assertThat(lead.exitCode()).as(lead.err()).isZero();

        assertThat(stimctl("patient", "find", "doe", "--db", db()).out()).contains(id, "Doe, Jane (MRN-4711)");
        assertThat(stimctl("patient", "find", "ets-7", "--db", db()).out()).contains(id);
        CliRun show = stimctl("patient", "show", id, "--db", db());
        assertThat(show.out()).contains("TRIAL_STIMULATOR", "serial ETS-77", "lead L1", "8 contacts", "at T8");
        CliRun none = stimctl("patient", "find", "nobody", "--db", db());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("no patient matches nobody" + System.lineSeparator());
    }

    @Test
    void refusesAnotherPatientsSerialOnOneLine() {
        addPatient("MRN-1", "Doe");
        String other = addPatient("MRN-2", "Roe");
        assertThat(stimctl("patient", "add-device", "MRN-1", "--db", db(), "--kind", "IMPLANTED_STIMULATOR",
                "--model", "IPG", "--serial", "SN-1", "--since", "2026-11-02").exitCode()).isZero();
        CliRun refused = stimctl("patient", "add-device", other, "--db", db(), "--kind", "IMPLANTED_STIMULATOR",
                "--model", "IPG", "--serial", "SN-1", "--since", "2026-11-02");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("device SN-1 belongs to another patient").doesNotContain("Exception");
    }

    @Test
    void backsUpVerifiesAndRestores() throws Exception {
        addPatient("MRN-1", "Doe");
        Path backup = folder.resolve("backup.db");
        CliRun saved = stimctl("db", "backup", backup.toString(), "--db", db());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        assertThat(saved.out()).contains("schema 2.1, 1 entries");
        addPatient("MRN-2", "Roe");

        CliRun verify = stimctl("db", "verify", "--db", db());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("intact, 2 entries");

        CliRun restored = stimctl("db", "restore", backup.toString(), "--db", db());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("restored from", "1 entries", "the records it replaced are kept in");
        assertThat(stimctl("patient", "find", "Roe", "--db", db()).exitCode()).isEqualTo(1);
        CliRun info = stimctl("db", "info", "--db", db());
        assertThat(info.out()).contains("schema version: 2.1", "audit entries:  1, chain intact", "patients:       1");
    }

    @Test
    void refusesAFileThatIsNotRecordsOnOneLine() throws Exception {
        Path notRecords = folder.resolve("notes.txt");
        Files.writeString(notRecords, "some notes about a patient\n".repeat(100));
        CliRun run = stimctl("db", "info", "--db", notRecords.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("stimctl: " + notRecords + ": not a Dorsal records file (not an"
                + " SQLite database); nothing was changed. Name the records file, or restore a backup with"
                + " `stimctl db restore`.");
        CliRun restore = stimctl("db", "restore", notRecords.toString(), "--db", db());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("the backup " + notRecords + " was refused");
    }
}
