package io.dorsal.cli;

import io.dorsal.core.time.SystemClock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stimctl rig safe --pins MAP [--mock]}: drives every line of the rig to its safe level and reads them back.
 * The service unit runs it after {@code stimctl serve} ends however it ended (ExecStopPost), so that a killed JVM
 * (the watchdog, an out-of-memory kill) cannot leave a line driving.
 */
@Command(name = "safe", mixinStandardHelpOptions = true,
        description = {"Drives every line of the rig to its safe level (ENABLE first, every source to its safe duty,",
            "every switch open), reads them back and exits: 0 if every line is safe, 1 if not."})
final class RigSafeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    RigTarget rig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return rig.drive(err, opened -> {
            PinMap map = opened.map();
            Pi4jOutputStage stage = new Pi4jOutputStage(opened.pi4j(), map, SystemClock.INSTANCE, RigRun.PWM_LEAD_NS,
                    RigRun.MIN_PWM_INTERVAL_NS);
            stage.safe();
            if (!RigRun.allSafe(stage, map)) {
                err.println("stimctl: a line did not read back at its safe level; check the wiring and the pin map");
                return Stimctl.EXIT_REFUSED;
            }
            out.println("every line at its safe level (" + map.name() + ")");
            return 0;
        });
    }
}
