package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.SystemClock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.pump.PumpPins;
import io.dorsal.rig.pump.BalanceLine;
import io.dorsal.rig.pump.LabBalance;
import io.dorsal.rig.pump.RigPumpRun;
import io.dorsal.rig.pump.SerialPortLine;
import io.dorsal.rig.sim.SimulatedBalance;
import io.dorsal.rig.pump.StepperPump;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stimctl rig pump run FILE --pins PUMPPINS --duration-s N [--mock] [--trace PATH]}; with a balance in the pin
 * map, what it weighed against what the steps pumped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Fills the pump firmware with the prescription and drives the rig's stepper (STEP/DIR/ENABLE)",
            "with what it delivers, at the pin map's volume per step, ticking every 100 ms; the driver is disabled",
            "at the end, on Ctrl-C and on any failed write. With --mock the run is on Pi4J's mock platform and a",
            "virtual clock, as fast as it goes (a day of pumping takes a moment)."})
final class RigPumpRunCommand implements Callable<Integer> {

    /** Tick period: the firmware is polled and the stepper stepped every 100 ms. */
    static final long TICK_NS = 100_000_000L;
    /** Longest run: 30 days (on the mock: simulated). */
    static final long MAX_DURATION_S = 30L * 86_400;

    @Parameters(index = "0", paramLabel = "FILE", description = "the prescription file (JSON)")
    Path file;

    @Option(names = "--pins", required = true, paramLabel = "PUMPPINS", description = "the rig pump's pin map (JSON)")
    Path pins;

    @CommandLine.Mixin
    RigRunOptions options;

    @Option(names = "--mock-delivered-fraction", hidden = true, paramLabel = "F",
            description = "with --mock and a balance in the pin map: the simulated pump delivers F of what its"
                    + " calibration says (0.8: a partial occlusion)")
    double mockDeliveredFraction = 1.0;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        options.checkDuration(spec, MAX_DURATION_S);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PumpValidation.Safe> safe = PrescriptionLoader.load(file, err);
        if (safe.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        PumpPins map;
        try {
            map = PumpPins.read(pins);
        } catch (IOException e) {
            err.println(pins + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        if (!options.mock && !RigPlatform.isRaspberryPi()) {
            err.println("stimctl: this machine is not a Raspberry Pi; run with --mock to use Pi4J's mock platform");
            return Stimctl.EXIT_REFUSED;
        }
        VirtualClock virtual = options.mock ? new VirtualClock() : null;
        Clock clock = options.mock ? virtual : SystemClock.INSTANCE;
        Context pi4j = options.mock ? RigPlatform.mock() : RigPlatform.raspberryPi(0);
        LineTrace lineTrace = options.trace == null ? null : new LineTrace(StepperPump.traceLineNames(), clock.nanoTime(), 1_000_000);
        try (StepperPump stepper = new StepperPump(pi4j, map, clock)) {
            Thread stopper = new Thread(stepper::driveSafe, "dorsal-pump-safe");
            Runtime.getRuntime().addShutdownHook(stopper);
            if (lineTrace != null) {
                stepper.startTrace(lineTrace);
            }
            PumpFirmware firmware = new PumpFirmware(clock);
            RigPumpRun run = new RigPumpRun(firmware, stepper, map, safe.get().plan().prescription());
            SimulatedBalance mockBalance = null;
            if (map.balance() != null) {
                BalanceLine line;
                if (options.mock) {
                    mockBalance = new SimulatedBalance(50.0, mockDeliveredFraction, map.balance().densityGPerMl());
                    mockBalance.print(0);
                    line = mockBalance;
                } else {
                    try {
                        line = SerialPortLine.open(map.balance());
                    } catch (IOException e) {
                        run.stop();
                        err.println(pins + ": " + e.getMessage() + "; nothing was pumped");
                        return Stimctl.EXIT_REFUSED;
                    }
                }
                run.weighWith(new LabBalance(line), map.balance().densityGPerMl());
            }
            long start = clock.nanoTime();
            long end = start + options.durationS * 1_000_000_000L;
            for (long next = start + TICK_NS; next <= end && !stepper.faulted(); next += TICK_NS) {
                if (options.mock) {
                    virtual.setNs(next);
                } else {
                    long wait = next - clock.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                run.tick();
                if (mockBalance != null) {
                    mockBalance.print(run.pumpedUl());
                }
            }
            run.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
            out.printf(Locale.ROOT, "%s: %d steps, %.3f uL pumped by the calibration (%.4f uL/step); firmware"
                            + " delivered %.3f uL, %.3f ug; reservoir %.3f uL%n", file, stepper.steps(), run.pumpedUl(),
                    map.ulPerStep(), firmware.deliveredUl(), firmware.drugUg(), firmware.reservoirUl());
            for (PumpAlarm a : firmware.alarms()) {
                out.println("ALARM " + a.priority() + " " + a.eventName() + ": " + a.meaning());
            }
            if (stepper.faulted()) {
                err.println("stimctl: pump fault: a pin write failed; the driver is disabled");
            }
            boolean weighedRight = true;
            if (map.balance() != null) {
                run.balanceProblem().ifPresent(p -> err.println("stimctl: the balance stopped answering: " + p));
                var check = run.balanceCheck();
                if (check.isPresent()) {
                    out.println(check.get().describe());
                    weighedRight = check.get().within();
                } else {
                    out.println("balance: no stable reading came from " + map.balance().device());
                    weighedRight = false;
                }
            }
            if (lineTrace != null) {
                try (Writer w = Files.newBufferedWriter(options.trace, StandardCharsets.UTF_8)) {
                    lineTrace.writeCsv(w);
                } catch (IOException e) {
                    err.println("stimctl: cannot write " + options.trace + ": " + e.getMessage());
                    return Stimctl.EXIT_REFUSED;
                }
            }
            return stepper.faulted() || !weighedRight ? Stimctl.EXIT_REFUSED : 0;
        } finally {
            pi4j.shutdown();
        }
    }
}
