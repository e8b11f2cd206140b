package io.dorsal.cli;

import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.Lead;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.PatientRegistry;
import io.dorsal.clinic.records.RecordsException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl patient}: patients, their devices and leads in the clinic records. */
@Command(name = "patient", mixinStandardHelpOptions = true,
        description = "Registers, finds and shows patients, and records their devices and leads (docs/clinic.md).",
        subcommands = {PatientCommand.Add.class, PatientCommand.Find.class, PatientCommand.Show.class,
            PatientCommand.AddDevice.class, PatientCommand.AddLead.class, PatientVisitCommands.Apply.class,
            PatientVisitCommands.Impedance.class, PatientVisitCommands.Battery.class, PatientVisitCommands.Refill.class,
            PatientVisitCommands.Trends.class})
final class PatientCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a patient command: add, find, show, add-device, add-lead, apply, impedance, battery, refill"
                        + " or trends");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Registers a new patient; prints its id.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--clinic-number", required = true, description = "the clinic's id (medical record number)")
        String clinicNumber;
        @Option(names = "--family", required = true, description = "family name")
        String family;
        @Option(names = "--given", defaultValue = "", description = "given name")
        String given;
        @Option(names = "--born", required = true, paramLabel = "YYYY-MM-DD", description = "date of birth")
        LocalDate born;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                Patient p = new PatientRegistry(records).register(clinic.change("registered"), clinicNumber, family,
                        given, born);
                spec.commandLine().getOut().println(DbCommand.describe(p));
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Lists the patients whose name, clinic number or device serial contains QUERY.")
    static final class Find implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "QUERY")
        String query;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                List<Patient> found = new PatientRegistry(records).find(query);
                for (Patient p : found) {
                    spec.commandLine().getOut().println(DbCommand.describe(p));
                }
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("no patient matches " + query);
                    return Stimctl.EXIT_REFUSED;
                }
                return 0;
            } catch (ClinicDatabaseException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a patient (by id or clinic number) with their devices and leads.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT", description = "patient id or clinic number")
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
                Patient p = resolve(registry, patient);
                out.println(DbCommand.describe(p));
                for (Device d : registry.devices(p.patientId())) {
                    out.println("  device " + d.deviceId() + "  " + d.kind() + "  " + d.model() + "  serial "
                            + d.serial() + "  since " + d.implantDate() + "  " + d.status());
                    for (Lead l : registry.leads(d.deviceId())) {
                        out.println("    lead " + l.name() + "  " + l.model() + "  " + l.contactCount()
                                + " contacts of " + l.contactAreaMm2() + " mm2  at " + l.level() + "  " + l.status());
                    }
                }
                return 0;
            } catch (ClinicDatabaseException | RecordsException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "add-device", mixinStandardHelpOptions = true,
            description = "Records a device of a patient; refuses a serial that another patient's device has.")
    static final class AddDevice implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATIENT", description = "patient id or clinic number")
        String patient;
        @Option(names = "--kind", required = true,
                description = "TRIAL_STIMULATOR, IMPLANTED_STIMULATOR, TRIAL_PUMP or IMPLANTED_PUMP")
        DeviceKind kind;
        @Option(names = "--model", required = true)
        String model;
        @Option(names = "--serial", required = true)
        String serial;
        @Option(names = "--since", required = true, paramLabel = "YYYY-MM-DD",
                description = "the day it was implanted or fitted")
        LocalDate since;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                PatientRegistry registry = new PatientRegistry(records);
                Patient p = resolve(registry, patient);
                Device d = registry.addDevice(clinic.change("device recorded"), p.patientId(), kind, model, serial,
                        since);
                spec.commandLine().getOut().println(d.deviceId() + "  " + d.kind() + "  serial " + d.serial());
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    @Command(name = "add-lead", mixinStandardHelpOptions = true,
            description = "Records a lead on a device (by device id or serial); NAME is the lead's name in program"
                    + " files (contacts NAME.0, NAME.1, ...).")
    static final class AddLead implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEVICE", description = "device id or serial")
        String device;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--model", required = true)
        String model;
        @Option(names = "--contacts", required = true)
        int contacts;
        @Option(names = "--area-mm2", required = true, description = "the surface of one contact")
        double areaMm2;
        @Option(names = "--level", defaultValue = "", description = "where the tip lies, e.g. T8")
        String level;
        @Mixin
        ClinicOptions clinic;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ClinicDatabase records = clinic.open()) {
                PatientRegistry registry = new PatientRegistry(records);
                String deviceId = registry.bySerial(device).map(Device::deviceId).orElse(device);
                Lead l = registry.addLead(clinic.change("lead recorded"), deviceId, name, model, contacts, areaMm2,
                        level);
                spec.commandLine().getOut().println(l.leadId() + "  lead " + l.name() + " on " + deviceId);
                return 0;
            } catch (ClinicDatabaseException | RecordsException | IllegalArgumentException e) {
                return ClinicCommands.refused(spec, e);
            }
        }
    }

    /** A patient by id or clinic number. */
    static Patient resolve(PatientRegistry registry, String idOrNumber) throws ClinicDatabaseException,
            RecordsException {
        var byNumber = registry.byClinicNumber(idOrNumber);
        return byNumber.isPresent() ? byNumber.get() : registry.patient(idOrNumber);
    }
}
