package io.dorsal.cli;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.refill.InterrogationReport;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PumpValidation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stimctl pump report FILE [--days N] [--drawn-ml V]}: the interrogation report of a simulated pump. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Fills a simulated pump with the prescription, runs it --days (default 0) on a virtual",
            "clock and prints the interrogation report: settings, reservoir, expected against drawn-back volume",
            "(--drawn-ml), alarms, battery and the event history."})
final class PumpReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the prescription file (JSON)")
    Path file;

    @Option(names = "--days", paramLabel = "N", description = "days to run before the report (0 to 3650)")
    double days;

    @Option(names = "--drawn-ml", paramLabel = "V", description = "a volume drawn back, mL, to compare")
    Double drawnMl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(days >= 0) || days > PumpSimulateCommand.MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--days must be 0 to " + PumpSimulateCommand.MAX_DAYS + ", was " + days);
        }
        Optional<PumpValidation.Safe> safe = PrescriptionLoader.load(file, spec.commandLine().getErr());
        if (safe.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        VirtualClock clock = new VirtualClock();
        PumpFirmware pump = new PumpFirmware(clock);
        pump.fill(safe.get().plan().prescription());
        clock.setNs((long) (days * DeliveryPlan.MS_PER_DAY) * 1_000_000L);
        pump.poll();
        Optional<RefillCheck> check = Optional.ofNullable(drawnMl).map(v -> new RefillCheck(pump.reservoirUl(),
                pump.deliveredUl(), v * 1000.0, safe.get().plan().prescription().pump().accuracyFraction()));
        spec.commandLine().getOut().print(InterrogationReport.of(pump, check));
        return 0;
    }
}
