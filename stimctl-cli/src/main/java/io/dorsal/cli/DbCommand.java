package io.dorsal.cli;

import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.Backups;
import io.dorsal.clinic.db.ChainCheck;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.db.ClinicLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stimctl db}: the clinic records as a whole (docs/clinic.md). */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Works with the clinic records as a whole: info, verify, backup, restore (docs/clinic.md).",
        subcommands = {DbCommand.Info.class, DbCommand.Verify.class, DbCommand.Backup.class, DbCommand.Restore.class})
final class DbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a db command: info, verify, backup or restore");
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Opens (creating on first use) the records and says where they are, their schema version,"
                    + " how many audit entries and patients they hold.")
    static final class Info implements Callable<Integer> {

        @Mixin
        ClinicOptions clinic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ClinicDatabase records = clinic.open()) {
                ChainCheck chain = records.verify();
                out.println("records:        " + records.location().describe());
                out.println("schema version: " + records.schemaVersion());
                out.println("audit entries:  " + chain.entries() + (chain.intact() ? ", chain intact" : ", chain"
                        + " BROKEN at entry " + chain.badSeq()));
                out.println("patients:       " + new io.dorsal.clinic.records.PatientRegistry(records).patients()
                        .size());
                return chain.intact() ? 0 : Stimctl.EXIT_REFUSED;
            } catch (ClinicDatabaseException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks the audit chain: every row as written, none removed, added or reordered (exit 0),"
                    + " or names the first entry that is not (exit 1).")
    static final class Verify implements Callable<Integer> {

        @Mixin
        ClinicOptions clinic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                ChainCheck chain = records.verify();
                String where = records.location().describe();
                if (chain.intact()) {
                    spec.commandLine().getOut().println(where + ": intact, " + chain.entries() + " entries, last hash "
                            + chain.lastHash());
                    return 0;
                }
                spec.commandLine().getErr().println(where + ": NOT intact at entry " + chain.badSeq() + ": "
                        + chain.problem());
                return Stimctl.EXIT_REFUSED;
            } catch (ClinicDatabaseException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Writes a consistent, owner-only copy of an SQLite records file to FILE (programmers may"
                    + " go on working) and checks it. A shared PostgreSQL is backed up with pg_dump.")
    static final class Backup implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the backup to write (must not exist)")
        Path target;

        @Mixin
        ClinicOptions clinic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Backups.Result done = Backups.backup(records, target, System::currentTimeMillis);
                spec.commandLine().getOut().println(target + ": backup of " + records.location().describe()
                        + ", schema " + done.schemaVersion() + ", " + done.entries() + " entries, last hash "
                        + done.lastHash());
                return 0;
            } catch (ClinicDatabaseException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Checks the backup FILE (intact, audit chain unbroken, not newer than this program), then"
                    + " puts it in place of the SQLite records; the file it replaces is kept beside it. Close every"
                    + " programmer using the records first.")
    static final class Restore implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the backup to restore")
        Path backup;

        @Mixin
        ClinicOptions clinic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!(clinic.location() instanceof ClinicLocation.SqliteFile records)) {
                spec.commandLine().getErr().println(clinic.location().describe() + ": a shared PostgreSQL database"
                        + " is restored with pg_restore by whoever runs the server (docs/clinic.md)");
                return Stimctl.EXIT_REFUSED;
            }
            try {
                Backups.Result done = Backups.restore(backup, records.file(), System::currentTimeMillis);
                spec.commandLine().getOut().println(records.file() + ": restored from " + backup + ", schema "
                        + done.schemaVersion() + ", " + done.entries() + " entries, last hash " + done.lastHash()
                        + (done.replaced() == null ? "" : "; the records it replaced are kept in " + done.replaced()));
                return 0;
            } catch (ClinicDatabaseException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    static String describe(Patient p) {
        return p.patientId() + "  " + p.displayName() + "  born " + p.birthDate();
    }
}
