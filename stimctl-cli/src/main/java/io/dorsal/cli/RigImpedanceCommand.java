package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.SystemClock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.ParkThenSpinIdleStrategy;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import io.dorsal.rig.sense.FrontEndProbe;
import io.dorsal.rig.sense.ImpedanceMeasurement;
import io.dorsal.rig.sense.Mcp3008;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stimctl rig impedance --pins MAP [--mock [--mock-load CONTACT=OHM ...]]}. */
@Command(name = "impedance", mixinStandardHelpOptions = true,
        description = {"Measures each contact's impedance with 1 mA probe pulses through the rig's sensing ADC and",
                "flags open and short contacts; exits 1 when any is flagged."})
final class RigImpedanceCommand implements Callable<Integer> {

    @Option(names = "--pins", required = true, paramLabel = "MAP", description = "the rig's pin map (JSON), with sensing")
    Path pins;

    @Option(names = "--mock", description = "use Pi4J's mock platform with the simulated load instead of the Pi's pins")
    boolean mock;

    @Option(names = "--mock-load", paramLabel = "CONTACT=OHM",
            description = "with --mock: a contact's simulated resistance (default 1000 Ohm), e.g. L1.3=5200")
    Map<String, Double> mockLoads = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!mock && !mockLoads.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mock-load needs --mock");
        }
        Optional<PinMap> loaded = RigPins.load(pins, err);
        if (loaded.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        PinMap map = loaded.get();
        if (map.sensing().isEmpty()) {
            err.println("stimctl: " + pins + " has no sensing section: this rig cannot measure impedance"
                    + " (docs/bench-rig.md, Sensing); no pin was touched");
            return Stimctl.EXIT_REFUSED;
        }
        Optional<Context> pi4j = RigPins.platform(mock, map, err);
        if (pi4j.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        VirtualClock virtual = new VirtualClock();
        Clock clock = mock ? virtual : SystemClock.INSTANCE;
        ImpedanceReport report;
        Pi4jOutputStage stage = null;
        try {
            stage = new Pi4jOutputStage(pi4j.get(), map, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
            if (mock) {
                SimulatedFrontEnd frontEnd = SimulatedFrontEnd.attach(pi4j.get(), map, clock);
                for (Map.Entry<String, Double> load : mockLoads.entrySet()) {
                    frontEnd.load(ContactId.parse(load.getKey()), new SeriesRcLoad(load.getValue(),
                            SimulatedFrontEnd.DEFAULT_LOAD.couplingCapacitanceUf()));
                }
            }
            FrontEndProbe probe = new FrontEndProbe(pi4j.get(), map, Mcp3008.open(pi4j.get(),
                    map.sensing().get().chipSelect()), clock, mock ? new VirtualTimeIdleStrategy(virtual)
                    : new ParkThenSpinIdleStrategy(clock));
            report = ImpedanceMeasurement.measure(probe, map, clock, DeviceLimits.DEFAULTS);
        } catch (IllegalArgumentException e) {
            err.println("stimctl: " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        } finally {
            if (stage != null) {
                stage.safe();
            }
            pi4j.get().shutdown();
        }
        out.printf("%-8s %12s  %s%n", "contact", "impedance", "status");
        for (ImpedanceReport.ContactImpedance c : report.contacts()) {
            String ohm = Double.isInfinite(c.impedanceOhm()) ? "no current" : Math.round(c.impedanceOhm()) + " Ohm";
            out.printf("%-8s %12s  %s%n", c.contact(), ohm, c.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.printf("measured with %s mA probe pulses; open above %d Ohm, short below %d Ohm;"
                        + " every line left at its safe level%n", 1, Math.round(DeviceLimits.DEFAULTS.openCircuitOhm()),
                Math.round(DeviceLimits.DEFAULTS.shortCircuitOhm()));
        if (!report.flagged().isEmpty()) {
            err.println("stimctl: " + report.flagged().size() + " contact(s) flagged: "
                    + report.flagged().stream().map(c -> c.contact() + " " + c.status().name().toLowerCase(
                            java.util.Locale.ROOT)).toList());
            return Stimctl.EXIT_REFUSED;
        }
        return 0;
    }
}
