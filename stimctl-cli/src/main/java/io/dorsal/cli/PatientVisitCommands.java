package io.dorsal.cli;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.records.Therapies;
import io.dorsal.clinic.trend.BatteryProjection;
import io.dorsal.clinic.trend.ImpedanceFlag;
import io.dorsal.clinic.trend.ImpedanceTrends;
import io.dorsal.clinic.trend.RefillFindings;
import io.dorsal.clinic.trial.TrialLimits;
import io.dorsal.core.therapy.ContactId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a visit records on a device (a therapy applied, an impedance check, a battery reading, a refill), and the trends. */
final class PatientVisitCommands {

    private PatientVisitCommands() {
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Records a program file as applied to a stimulator (serial or id), after the validator"
                    + " checks it against that device's limits and latest impedances; an unsafe file is refused.")
    static final class Apply implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE")
        String device;
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;
        @Option(names = "--reason", defaultValue = "programming", description = "why (default: ${DEFAULT-VALUE})")
        String reason;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println(file + ": cannot read: " + e.getMessage());
                return Stimctl.EXIT_REFUSED;
            }
            try (ClinicDatabase records = clinic.open()) {
                Device d = TrialCommand.bySerialOrId(new PatientRegistry(records), device);
                AppliedTherapy applied = new Therapies(records).apply(clinic.change(reason), d.deviceId(), json);
                spec.commandLine().getOut().println("recorded on " + d.serial() + ": therapy " + applied.therapySha256()
                        .substring(0, 12));
                return 0;
            } catch (ClinicDatabaseException | RecordsException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "impedance", mixinStandardHelpOptions = true,
            description = "Records an impedance check of a device: CONTACT=OHM for each contact measured.")
    static final class Impedance implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE")
        String device;
        @Parameters(index = "1..*", paramLabel = "CONTACT=OHM", arity = "1..*")
        Map<String, Double> readings;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Device d = TrialCommand.bySerialOrId(new PatientRegistry(records), device);
                String check = UUID.randomUUID().toString();
                Instant at = Instant.now();
                List<ImpedanceReading> rows = new ArrayList<>();
                for (Map.Entry<String, Double> r : readings.entrySet()) {
                    ContactId.parse(r.getKey());
                    rows.add(new ImpedanceReading(d.patientId(), d.deviceId(), check, r.getKey(), r.getValue(), at));
                }
                records.appendAll(clinic.change("impedance check"), rows);
                spec.commandLine().getOut().println("recorded " + rows.size() + " contacts on " + d.serial());
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "battery", mixinStandardHelpOptions = true, description = "Records a battery reading of a device.")
    static final class Battery implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE")
        String device;
        @Option(names = "--percent", required = true)
        double percent;
        @Option(names = "--volts", required = true)
        double volts;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Device d = TrialCommand.bySerialOrId(new PatientRegistry(records), device);
                records.append(clinic.change("battery reading"), new BatteryReading(d.patientId(), d.deviceId(),
                        Instant.now(), percent, volts));
                spec.commandLine().getOut().println("recorded battery " + percent + "% on " + d.serial());
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "refill", mixinStandardHelpOptions = true,
            description = "Records a pump refill and checks it against the refills before (exit 1 on a discrepancy).")
    static final class Refill implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE")
        String device;
        @Option(names = "--drug", required = true)
        String drug;
        @Option(names = "--concentration-mg-per-ml", required = true)
        double concentrationMgPerMl;
        @Option(names = "--expected-ml", required = true, description = "what the pump says is left")
        double expectedMl;
        @Option(names = "--drawn-ml", required = true, description = "what was drawn back")
        double drawnMl;
        @Option(names = "--filled-ml", required = true, description = "what was put in")
        double filledMl;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Device d = TrialCommand.bySerialOrId(new PatientRegistry(records), device);
                if (!d.kind().pump()) {
                    throw new RecordsException("device " + d.serial() + " is " + d.kind() + ", not a pump");
                }
                records.append(clinic.change("pump refill"), new PumpRefill(d.patientId(), d.deviceId(), Instant.now(),
                        drug, concentrationMgPerMl, expectedMl, drawnMl, filledMl));
                List<PumpRefill> all = records.where(PumpRefill.class, "device_id", d.deviceId()).stream()
                        .map(Entry::record).toList();
                RefillFindings.Finding last = RefillFindings.of(all).getLast();
                spec.commandLine().getOut().println("recorded refill on " + d.serial() + ": " + last.check().message());
                return last.discrepancy() ? Stimctl.EXIT_REFUSED : 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "trends", mixinStandardHelpOptions = true,
            description = "A patient's trends: impedance per contact with jumps, drifts, opens and shorts flagged"
                    + " (docs/safety.md), battery and its projected end of service, refill discrepancies, therapy"
                    + " changes. Exit 1 when anything is flagged.")
    static final class Trends implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT")
        String patient;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ClinicDatabase records = clinic.open()) {
                PatientRegistry registry = new PatientRegistry(records);
                Patient p = PatientCommand.resolve(registry, patient);
                int flagged = 0;
                out.println(DbCommand.describe(p));
                for (Device d : registry.devices(p.patientId())) {
                    out.println("device " + d.serial() + " (" + d.kind() + ", " + d.status() + ")");
                    List<ImpedanceReading> z = records.where(ImpedanceReading.class, "device_id", d.deviceId()).stream()
                            .map(Entry::record).toList();
                    for (Map.Entry<String, List<ImpedanceReading>> c : ImpedanceTrends.byContact(z).entrySet()) {
                        out.println("  impedance " + c.getKey() + ": " + String.join(" -> ", c.getValue().stream()
                                .map(r -> String.format(Locale.ROOT, "%.0f", r.impedanceOhm())).toList()) + " ohm");
                    }
                    for (ImpedanceFlag f : ImpedanceTrends.flags(z, TrialLimits.forDevice(d.kind()))) {
                        out.println("  FLAG " + f.message());
                        flagged++;
                    }
                    List<BatteryReading> battery = records.where(BatteryReading.class, "device_id", d.deviceId())
                            .stream().map(Entry::record).toList();
                    if (!battery.isEmpty()) {
                        out.println("  " + BatteryProjection.of(battery).message());
                    }
                    List<PumpRefill> refills = records.where(PumpRefill.class, "device_id", d.deviceId()).stream()
                            .map(Entry::record).toList();
                    for (RefillFindings.Finding f : RefillFindings.of(refills)) {
                        out.println("  " + (f.discrepancy() ? "FLAG " : "") + "refill " + f.refill().refilledAt()
                                .toString().substring(0, 10) + ": " + f.check().message());
                        flagged += f.discrepancy() ? 1 : 0;
                    }
                    for (Entry<AppliedTherapy> t : records.where(AppliedTherapy.class, "device_id", d.deviceId())) {
                        out.println("  therapy " + t.at().toString().substring(0, 16) + " by " + t.actor() + " ("
                                + t.reason() + "): " + t.record().therapySha256().substring(0, 12));
                    }
                }
                return flagged == 0 ? 0 : Stimctl.EXIT_REFUSED;
            } catch (ClinicDatabaseException | RecordsException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }
}
