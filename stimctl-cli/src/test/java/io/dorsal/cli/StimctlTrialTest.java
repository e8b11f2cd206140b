package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patient from trial to implant to a follow-up, through stimctl, as docs/user-guide.md walks it. */
class StimctlTrialTest {

    @TempDir
    Path folder;

    private CliRun ok(String... args) {
        String[] withDb = new String[args.length + 2];
        System.arraycopy(args, 0, withDb, 0, args.length);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = folder.resolve("records.db").toString();
        CliRun run = stimctl(withDb);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    private CliRun any(String... args) {
        String[] withDb = new String[args.length + 2];
        System.arraycopy(args, 0, withDb, 0, args.length);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = folder.resolve("records.db").toString();
        return stimctl(withDb);
    }

    @Test
    void fromTrialToImplantToAFollowUp() throws Exception {
        ok("patient", "add", "--clinic-number", "MRN-4711", "--family", "Doe", "--given", "Jane", "--born",
                "1961-04-02");
        ok("patient", "add-device", "MRN-4711", "--kind", "TRIAL_STIMULATOR", "--model", "Dorsal ETS", "--serial",
                "ETS-77", "--since", "2026-11-02");
        ok("patient", "apply", "ETS-77", "../examples/two-programs.json", "--reason", "trial programs");
        assertThat(ok("trial", "start", "MRN-4711", "--device", "ETS-77", "--baseline-pain", "8").out())
                .contains("success is 50.0% relief or better");
        ok("trial", "diary", "MRN-4711", "--day", "2026-11-03", "--pain", "5", "--relief", "40", "--activity", "walked");
        ok("trial", "diary", "MRN-4711", "--day", "2026-11-04", "--pain", "4", "--relief", "60");
        CliRun early = any("trial", "judge", "MRN-4711", "--conclude");
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).contains("has 2 diary days, at least 3 are needed");
        ok("trial", "diary", "MRN-4711", "--day", "2026-11-05", "--pain", "3", "--relief", "70");
        assertThat(ok("trial", "judge", "MRN-4711", "--conclude").out())
                .contains("(SUCCEEDED): criterion 50% relief or better: MET; mean reported relief 56.7% over 3 days");

        ok("patient", "add-device", "MRN-4711", "--kind", "IMPLANTED_STIMULATOR", "--model", "Dorsal IPG", "--serial",
                "IPG-1", "--since", "2026-11-20");
        ok("patient", "add-lead", "IPG-1", "--name", "IL1", "--model", "8-contact", "--contacts", "8", "--area-mm2", "6",
                "--level", "T8");
        ok("patient", "add-lead", "IPG-1", "--name", "IL2", "--model", "8-contact", "--contacts", "8", "--area-mm2", "6",
                "--level", "T9");
        CliRun shown = ok("trial", "carry", "MRN-4711", "--implant", "IPG-1", "--map", "L1=IL1+1,L2=IL2");
        assertThat(shown.out()).contains("contact map: L1=IL1+1,L2=IL2", "program 'low-back': L1.2 -> IL1.3",
                "complianceVoltageV: 15.0 on the trial stimulator, 12.0 on the implant", "run again with --apply");
        CliRun off = any("trial", "carry", "MRN-4711", "--implant", "IPG-1", "--map", "L1=IL1,L2=IL2+4", "--apply");
        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.err()).contains("refused on the implant", "IL2.8", "nothing was applied");
        assertThat(ok("trial", "carry", "MRN-4711", "--implant", "IPG-1", "--map", "L1=IL1+1,L2=IL2", "--apply").out())
                .contains("applied to IPG-1: 2 programs");

        Path html = folder.resolve("trial.html");
        Path pdf = folder.resolve("trial.pdf");
        ok("trial", "report", "MRN-4711", "--html", html.toString(), "--pdf", pdf.toString(), "--implant", "IPG-1",
                "--map", "L1=IL1+1,L2=IL2");
        assertThat(Files.readString(html)).contains("MET", "<svg id=\"diary-plot\"", "L1.2 -&gt; IL1.3");
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        // follow-up visits: impedance checks, a battery reading; a jump on IL1.3 is flagged
        ok("patient", "impedance", "IPG-1", "IL1.3=900", "IL1.4=950");
        ok("patient", "impedance", "IPG-1", "IL1.3=1500", "IL1.4=960");
        ok("patient", "battery", "IPG-1", "--percent", "95", "--volts", "3.95");
        CliRun trends = any("patient", "trends", "MRN-4711");
        assertThat(trends.exitCode()).isEqualTo(1);
        assertThat(trends.out()).contains("impedance IL1.3: 900 -> 1500 ohm", "FLAG contact IL1.3: jump",
                "battery: 95% (one reading", "therapy ", "(carried over from trial");
        assertThat(trends.out()).doesNotContain("FLAG contact IL1.4");
        assertThat(ok("db", "verify").out()).contains("intact");
    }

    @Test
    void refusesAnUnsafeProgramFileForADevice() {
        ok("patient", "add", "--clinic-number", "MRN-1", "--family", "Doe", "--born", "1961-04-02");
        ok("patient", "add-device", "MRN-1", "--kind", "IMPLANTED_STIMULATOR", "--model", "IPG", "--serial", "IPG-9",
                "--since", "2026-11-20");
        ok("patient", "impedance", "IPG-9", "L1.1=1400", "L1.2=1400", "L1.3=1400");
        // two-programs.json at its patient maximum needs more than the implant's 12 V on these contacts
        CliRun refused = any("patient", "apply", "IPG-9", "../examples/two-programs.json");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("refused for IPG-9", "compliance voltage", "nothing was recorded");
    }
}
