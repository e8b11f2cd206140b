package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.BatteryModel;
import io.dorsal.core.generator.EventLog;
import io.dorsal.core.generator.ImpedanceMeter;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.time.SystemClock;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Identity;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.server.LinkServer;
import io.dorsal.link.server.ServerSettings;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RealtimeRunner;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.ParkThenSpinIdleStrategy;
import io.dorsal.rig.runtime.ThreadPlacement;
import io.dorsal.rig.sense.RigImpedanceMeter;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The rig as a service: the generator on the rig's outputs, paced by the real-time runner on its own thread, and
 * the link server in front of it. Therapy runs on regardless of what happens to the link.
 */
final class RigService implements AutoCloseable {

    private final Context pi4j;
    private final Pi4jOutputStage stage;
    private final PulseGenerator generator;
    private final RealtimeRunner runner;
    private final Thread realtime;
    private final LinkServer server;
    private final AuditLog audit;
    private final int port;

    RigService(Context pi4j, PinMap map, Identity rig, AuditLog audit, Optional<ValidatedTherapy> therapy,
               InetAddress bind, int port, RunnerSettings settings) throws IOException {
        this(pi4j, map, rig, audit, therapy, bind, port, settings, null, ThreadPlacement.NONE);
    }

    /** As below, the real-time thread left as the JVM made it. */
    RigService(Context pi4j, PinMap map, Identity rig, AuditLog audit, Optional<ValidatedTherapy> therapy,
               InetAddress bind, int port, RunnerSettings settings, PumpFirmware pump) throws IOException {
        this(pi4j, map, rig, audit, therapy, bind, port, settings, pump, ThreadPlacement.NONE);
    }

    /**
     * As above, also serving {@code pump} over the link (null: no pump): its firmware runs on the wall clock and is
     * brought up to date at every command and answer; it drives no pump hardware (`rig pump run` does). The real-time
     * thread places itself as {@code placement} says (SCHED_FIFO, its CPU) before it runs; the service does not start
     * if it cannot.
     */
    RigService(Context pi4j, PinMap map, Identity rig, AuditLog audit, Optional<ValidatedTherapy> therapy,
               InetAddress bind, int port, RunnerSettings settings, PumpFirmware pump, ThreadPlacement placement)
            throws IOException {
        this.pi4j = pi4j;
        this.audit = audit;
        this.stage = new Pi4jOutputStage(pi4j, map, SystemClock.INSTANCE, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        if (map.sensing().isPresent() && RigPlatform.simulated(pi4j)) {
            // on the mock, the simulated load stands behind the pins (the real-time thread and the impedance check
            // never drive it at the same time: the generator measures only while it delivers nothing)
            SimulatedFrontEnd.attach(pi4j, map, SystemClock.INSTANCE);
        }
        // with a sensing front end, a programmer's impedance check measures the contacts instead of reading the file
        ImpedanceMeter meter = map.sensing().isEmpty() ? ImpedanceMeter.NONE
                : new RigImpedanceMeter(pi4j, map, stage, SystemClock.INSTANCE,
                new ParkThenSpinIdleStrategy(SystemClock.INSTANCE), DeviceLimits.DEFAULTS);
        this.generator = new PulseGenerator(SystemClock.INSTANCE, stage, BatteryModel.DEFAULT, new EventLog(), meter);
        // the link first: its start-up (TLS, key loading) must not compete with the first real pulses
        this.server = new LinkServer(rig, generator, audit, ServerSettings.DEFAULTS, System::currentTimeMillis, pump);
        this.port = server.start(bind, port);
        // compile the real-time path before the first real pulse, with the therapy or a small one of our own
        therapy.or(() -> RigRun.warmUpTherapy(map)).ifPresent(t -> RigRun.warmUp(t, map, settings));
        if (therapy.isPresent()) {
            ApplyResult loaded = generator.apply(therapy.get().therapy(), "rig");
            if (!loaded.applied()) {
                throw new IOException("the therapy was refused: " + loaded);
            }
        }
        this.runner = new RealtimeRunner(generator, stage, SystemClock.INSTANCE,
                new io.dorsal.rig.runtime.ParkThenSpinIdleStrategy(SystemClock.INSTANCE), settings);
        runner.continueAfterFault();
        // the thread places itself (SCHED_FIFO, its CPU) before it runs; the service does not start if it cannot
        CountDownLatch placed = new CountDownLatch(1);
        String[] placementFailure = {null};
        this.realtime = Thread.ofPlatform().name("dorsal-rt").priority(Thread.MAX_PRIORITY).start(() -> {
            try {
                placement.applyToCurrentThread();
            } catch (IOException | RuntimeException e) {
                placementFailure[0] = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                placementFailure[0] = "interrupted";
            } finally {
                placed.countDown();
            }
            if (placementFailure[0] == null) {
                runner.run();
            }
        });
        try {
            placed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (placementFailure[0] != null) {
            stage.safe();
            server.close();
            throw new IOException("the real-time thread could not be put on " + placement + ": " + placementFailure[0]
                    + " (SCHED_FIFO needs root, CAP_SYS_NICE or LimitRTPRIO; see docs/bench-rig.md)");
        }
        // started once the thread runs where it should, so that no pulse falls due while it was being placed
        if (therapy.isPresent()) {
            generator.start("rig");
        }
    }

    int port() {
        return port;
    }

    PulseGenerator generator() {
        return generator;
    }

    RealtimeRunner runner() {
        return runner;
    }

    boolean running() {
        return realtime.isAlive();
    }

    /** Waits until the runner ends (a fault, or a stop request). */
    void awaitRunnerEnd() throws InterruptedException {
        realtime.join();
    }

    @Override
    public void close() throws IOException {
        server.close();
        runner.requestStop("service stopped");
        try {
            realtime.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stage.safe();
        audit.append("rig", "RIG", "stop", "service stopped; every line at its safe level", "ok");
        audit.close();
        pi4j.shutdown();
    }
}
