package io.dorsal.programmer.link;

import io.dorsal.core.ecap.SimulatedCord;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.BatteryModel;
import io.dorsal.core.generator.EventLog;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A simulated pulse generator inside the programmer: core's {@link PulseGenerator} on a {@link Clock}, its
 * phases counted by a {@link CountingOutputStage}. Made {@linkplain #started started}, a small daemon thread
 * polls the generator every {@link #POLL_PERIOD_NS} (parking in between: this is a model, not the rig's
 * real-time runner); made {@linkplain #manual manual}, nothing runs until {@link #pump()} is called, so tests
 * drive it with a virtual clock and never sleep. Control calls run at once on the caller's thread (the
 * generator serializes them) and answer with completed futures. Thread safe.
 */
public final class EmbeddedLink implements StimulatorLink {

    /** How often the poller thread hands due phases to the output stage. */
    public static final long POLL_PERIOD_NS = 1_000_000L;
    /** How often the generator's housekeeping (battery warnings and end of service) runs. */
    public static final long HOUSEKEEPING_PERIOD_NS = 1_000_000_000L;
    /** Most phases one poll emits; a slow poll catches up over the next ones. */
    public static final int PHASES_PER_POLL = 10_000;

    private final Clock clock;
    private final CountingOutputStage stage = new CountingOutputStage();
    private final PulseGenerator generator;
    private final AtomicLong runnerErrors = new AtomicLong();
    private volatile Thread poller;
    private volatile boolean running;
    private long nextHousekeepingNs;

    private EmbeddedLink(Clock clock) {
        this.clock = clock;
        this.generator = new PulseGenerator(clock, stage, BatteryModel.DEFAULT, new EventLog());
        this.nextHousekeepingNs = clock.nanoTime() + HOUSEKEEPING_PERIOD_NS;
    }

    /** A generator with its poller thread running. */
    public static EmbeddedLink started(Clock clock) {
        EmbeddedLink link = new EmbeddedLink(clock);
        link.running = true;
        Thread thread = new Thread(link::runPoller, "dorsal-embedded-generator");
        thread.setDaemon(true);
        link.poller = thread;
        thread.start();
        return link;
    }

    /** A generator that moves only when {@link #pump()} is called: for tests on a virtual clock. */
    public static EmbeddedLink manual(Clock clock) {
        return new EmbeddedLink(clock);
    }

    /**
     * Emits every phase due at the clock's time and runs housekeeping when due. Called by the poller thread,
     * or by the one test thread of a manual link; never by both.
     *
     * @return phases emitted
     */
    public int pump() {
        long now = clock.nanoTime();
        int emitted = generator.poll(now, PHASES_PER_POLL);
        if (now >= nextHousekeepingNs) {
            generator.housekeeping();
            nextHousekeepingNs = now + HOUSEKEEPING_PERIOD_NS;
        }
        return emitted;
    }

    private void runPoller() {
        while (running) {
            try {
                pump();
            } catch (Throwable t) {
                runnerErrors.incrementAndGet();
                generator.fault("embedded runner: " + t);
            }
            LockSupport.parkNanos(POLL_PERIOD_NS);
        }
    }

    @Override
    public String description() {
        return "Embedded simulated generator";
    }

    /** The output stage, for the phase counters. */
    public CountingOutputStage stage() {
        return stage;
    }

    public Clock clock() {
        return clock;
    }

    /** Errors the poller caught (each one faulted the generator). */
    public long runnerErrors() {
        return runnerErrors.get();
    }

    /** Whether the poller thread is running. */
    public boolean polling() {
        Thread thread = poller;
        return thread != null && thread.isAlive();
    }

    @Override
    public CompletableFuture<GeneratorStatus> status() {
        return call(generator::status);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Therapy therapy, String who) {
        return call(() -> generator.apply(therapy, who));
    }

    @Override
    public CompletableFuture<ApplyResult> start(String who) {
        return call(() -> generator.start(who));
    }

    @Override
    public CompletableFuture<Void> stop(String who) {
        return run(() -> generator.stop(who));
    }

    @Override
    public CompletableFuture<Void> stopAll(String who) {
        return run(() -> generator.stopAll(who));
    }

    @Override
    public CompletableFuture<Void> clearFault(String who) {
        return run(() -> generator.clearFault(who));
    }

    @Override
    public CompletableFuture<ApplyResult> patientAdjust(String program, double deltaMa, String who) {
        return call(() -> generator.patientAdjust(program, deltaMa, who));
    }

    @Override
    public CompletableFuture<ApplyResult> applySets(io.dorsal.core.therapy.TherapySets sets, String who) {
        return call(() -> generator.applySets(sets, who));
    }

    @Override
    public CompletableFuture<java.util.Optional<io.dorsal.core.therapy.TherapySets>> programSets() {
        return call(generator::programSets);
    }

    @Override
    public CompletableFuture<ApplyResult> selectSet(String name, String who) {
        return call(() -> generator.selectSet(name, who));
    }

    /** The loop reads a {@link SimulatedCord} whose posture script starts now, on this generator's clock. */
    @Override
    public CompletableFuture<ApplyResult> closeLoopOnSimulatedCord(io.dorsal.core.ecap.ClosedLoopSettings settings,
            io.dorsal.core.ecap.SpinalCordResponse cord, io.dorsal.core.ecap.PostureScript posture,
            double pulseWidthUs, long seed, String who) {
        return call(() -> generator.closeLoop(settings, cord.slopeUvPerMa(
                io.dorsal.core.ecap.Posture.SITTING.distanceMm()), new SimulatedCord(cord, posture, pulseWidthUs,
                clock.nanoTime(), seed), who));
    }

    @Override
    public CompletableFuture<Void> openLoop(String who) {
        return run(() -> generator.openLoop(who));
    }

    @Override
    public CompletableFuture<java.util.Optional<io.dorsal.core.ecap.EcapLoop.State>> closedLoopState() {
        return call(generator::closedLoopState);
    }

    @Override
    public CompletableFuture<ImpedanceReport> checkImpedance(String who) {
        return call(() -> generator.checkImpedance(who));
    }

    @Override
    public CompletableFuture<List<GeneratorEvent>> events() {
        return call(() -> generator.log().entries());
    }

    /** Drives every output safe, then stops the poller thread and waits for it. */
    @Override
    public void close() {
        generator.stopAll("programmer closed");
        running = false;
        Thread thread = poller;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> CompletableFuture<T> call(Supplier<T> action) {
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> run(Runnable action) {
        return call(() -> {
            action.run();
            return null;
        });
    }
}
