package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.rig.output.RenderProblem;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.ThreadPlacement;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import io.dorsal.core.time.SystemClock;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.safety.PumpValidation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stimctl serve --pins MAP [--mock] [--port N] [--bind ADDR]}: the rig, served over the authenticated link. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the generator on the rig (or the mock platform) and serves the authenticated link",
            "(TLS 1.3, mutual authentication, paired peers only) until Ctrl-C. Therapy keeps running exactly",
            "as programmed when a programmer disconnects. Pair programmers with: stimctl pair"})
final class ServeCommand implements Callable<Integer> {

    /** The link's default port. */
    static final int DEFAULT_PORT = 7450;

    @Option(names = "--pins", required = true, paramLabel = "MAP", description = "the rig's pin map (JSON)")
    Path pins;

    @Option(names = "--mock", description = "use Pi4J's mock platform instead of the Pi's pins")
    boolean mock;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}: this machine only)")
    String bind;

    @Option(names = "--identity", paramLabel = "DIR", description = "the rig's identity and peers (default ~/.dorsal/rig)")
    Path identity;

    @Option(names = "--audit", paramLabel = "FILE", description = "the audit log (default DIR/audit.log)")
    Path audit;

    @Option(names = "--therapy", paramLabel = "FILE", description = "a program file to load and start at once")
    Path therapy;

    @Option(names = "--pump", paramLabel = "PRESCRIPTION",
            description = "also serve a drug pump filled with this prescription (validated first; docs/pump-format.md)")
    Path pumpPrescription;

    @CommandLine.Mixin
    RealtimeThreadOptions realtimeThread = new RealtimeThreadOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ThreadPlacement placement = realtimeThread.placement(spec.commandLine());
        Optional<PinMap> map = RigPins.load(pins, err);
        if (map.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        Optional<ValidatedTherapy> initial = Optional.empty();
        if (therapy != null) {
            initial = TherapyLoader.load(therapy, err);
            if (initial.isEmpty()) {
                return Stimctl.EXIT_REFUSED;
            }
            List<RenderProblem> problems = RigRun.renderProblems(initial.get(), map.get());
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(therapy + ": " + p.message()));
                return Stimctl.EXIT_REFUSED;
            }
        }
        PumpFirmware pump = null;
        if (pumpPrescription != null) {
            Optional<PumpValidation.Safe> prescription = PrescriptionLoader.load(pumpPrescription, err);
            if (prescription.isEmpty()) {
                return Stimctl.EXIT_REFUSED;
            }
            pump = new PumpFirmware(SystemClock.INSTANCE);
            pump.fill(prescription.get().plan().prescription());
        }
        Path dir = identity != null ? identity : LinkPaths.defaultRigIdentity();
        Identity rig = Identity.openOrCreate(dir, LinkPaths.defaultName("dorsal-rig"), Role.RIG);
        AuditLog log;
        try {
            log = AuditLog.open(audit != null ? audit : dir.resolve("audit.log"), System::currentTimeMillis);
        } catch (IOException e) {
            err.println("stimctl: " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        Optional<Context> pi4j = RigPins.platform(mock, map.get(), err);
        if (pi4j.isEmpty()) {
            log.close();
            return Stimctl.EXIT_REFUSED;
        }
        RunnerSettings settings = RunnerSettings.DEFAULTS.withFaultLatenessNs(
                (mock ? RigRunCommand.MOCK_FAULT_LATENESS_US : RigRunCommand.RIG_FAULT_LATENESS_US) * 1_000L)
                .withOverrunBoundNs(mock ? RigRunCommand.SERVE_MOCK_OVERRUN_BOUND_US * 1_000L
                        : io.dorsal.rig.output.Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS);
        RigService service;
        try {
            service = new RigService(pi4j.get(), map.get(), rig, log, initial, InetAddress.getByName(bind), port,
                    settings, pump, placement);
        } catch (IOException e) {
            err.println("stimctl: " + e.getMessage());
            pi4j.get().shutdown();
            log.close();
            return Stimctl.EXIT_REFUSED;
        }
        Optional<SystemdNotify> systemd = SystemdNotify.fromEnvironment(System.getenv(), ProcessHandle.current().pid(),
                SystemdNotify.systemdNotifyTool(ProcessHandle.current().pid()));
        Thread hook = new Thread(() -> {
            try {
                systemd.ifPresent(s -> s.stopping("stopping: every line to its safe level"));
                service.close();
            } catch (IOException e) {
                System.err.println("stimctl: " + e.getMessage());
            }
        }, "dorsal-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving " + map.get().name() + (mock ? " (mock platform)" : "") + " on " + bind + ":"
                + service.port() + " as '" + rig.name() + "'");
        if (pump != null) {
            out.println("serving a drug pump too: " + pump.prescription().drug().fileName() + ", reservoir "
                    + pump.reservoirUl() / 1_000.0 + " mL");
        }
        out.println("rig certificate " + rig.fingerprint());
        out.println("audit log " + log.file() + "; pair a programmer with: stimctl pair --identity " + dir);
        out.println("Ctrl-C stops the service and drives every line safe");
        out.flush();
        systemd.ifPresent(s -> {
            s.ready("serving " + map.get().name() + " on " + bind + ":" + service.port());
            s.startHeartbeats(service.runner()::loops);
        });
        service.awaitRunnerEnd();
        out.println("the real-time runner ended: " + service.runner().report().stopReason()
                + service.runner().report().fault().map(f -> " (" + f + ")").orElse(""));
        return service.runner().report().fault().isPresent() ? Stimctl.EXIT_REFUSED : 0;
    }
}
