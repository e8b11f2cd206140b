package io.dorsal.bench;

import com.pi4j.context.Context;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RealtimeRunner;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rig's side of the real-time path on Pi4J's mock platform (GPIO and PWM that remember what was written):
 * what the output stage and the runner add to each phase beyond the scheduler. Pin writes on a real Pi cost
 * about a microsecond (gpiod) and are not measured here; what is measured is our code around them, which must
 * allocate nothing ({@code -prof gc}: 0 B/op) so that the runner never meets a GC pause.
 *
 * <p>The stage benchmark takes one phase from a scheduler into {@code onPhase} (which queues a switch-on and a
 * switch-off) and executes both queued actions at their due times: one phase, start to end, per operation, no
 * loop. The therapies ramp neither up nor down, so after the first phase (taken in setup, with its PWM change)
 * every phase queues exactly two actions; the teardown checks that the queue ended empty. The runner benchmark
 * is the runner's duty cycle at its next deadline on a virtual clock: the pin actions then due, or the phases
 * entering the lookahead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class RigOutputBenchmark {

    /** Tonic 50 Hz and 10 kHz high frequency, both bipolar on L1.2 / L1.3 of the bench rig. */
    @Param({"tonic50", "hf10k"})
    public String scenario;

    /** Emit phases that start up to here: beyond anything a run reaches, so each poll emits one phase. */
    public long horizonNs = Long.MAX_VALUE / 4;
    /** Phases per poll. */
    public int limit = 1;

    // The mock contexts are left to the fork's exit: shutting them down in a trial teardown allocates about
    // 350 KB inside -prof gc's last window, which would read as the stage allocating.
    private Context stageContext;
    private Pi4jOutputStage stage;
    private VirtualClock stageClock;
    private VirtualClock runnerClock;
    private PulseScheduler scheduler;

    private Context runnerContext;
    private RealtimeRunner runner;

    @Setup(Level.Trial)
    public void setUp() {
        PinMap pins = Scenarios.rigPins();
        PulseTable table = PulseTable.compile(Scenarios.validated(Scenarios.json(scenario)));

        stageContext = RigPlatform.mock();
        stageClock = new VirtualClock(0);
        stage = new Pi4jOutputStage(stageContext, pins, stageClock, RigRun.PWM_LEAD_NS,
                RigRun.MIN_PWM_INTERVAL_NS);
        stage.arm(table);
        scheduler = new PulseScheduler(table, 0);
        scheduler.poll(horizonNs, stage, 1); // the first phase also sets the sources' PWM
        while (stage.nextActionNs() != Pi4jOutputStage.NO_ACTION) {
            runAt(stage.nextActionNs());
        }

        runnerContext = RigPlatform.mock();
        VirtualClock clock = new VirtualClock(0);
        runnerClock = clock;
        Pi4jOutputStage runnerStage = new Pi4jOutputStage(runnerContext, pins, clock, RigRun.PWM_LEAD_NS,
                RigRun.MIN_PWM_INTERVAL_NS);
        PulseGenerator generator = new PulseGenerator(clock, runnerStage);
        if (!generator.apply(Scenarios.therapy(Scenarios.json(scenario)), "benchmark").applied()
                || !generator.start("benchmark").applied()) {
            throw new IllegalStateException("the generator refused scenario " + scenario);
        }
        runner = new RealtimeRunner(generator, runnerStage, clock, new VirtualTimeIdleStrategy(clock),
                RunnerSettings.DEFAULTS);
        runner.doWork(0); // takes the therapy on at time 0 and fills the lookahead
    }

    @TearDown(Level.Iteration)
    public void checkQueueDrained() {
        if (stage.nextActionNs() != Pi4jOutputStage.NO_ACTION) {
            throw new IllegalStateException("the stage queued more than two actions for a phase; the stage"
                    + " benchmark no longer measures one phase per operation");
        }
        if (stage.latched()) {
            throw new IllegalStateException("the stage latched safe during the benchmark");
        }
        runner.report().fault().ifPresent(fault -> {
            throw new IllegalStateException("the runner faulted during the benchmark: " + fault);
        });
    }

    /** One phase through the output stage: queued by {@code onPhase}, switched on, switched off. */
    @Benchmark
    @HotPath
    public long stagePerPhase() {
        scheduler.poll(horizonNs, stage, limit);
        runAt(stage.nextActionNs());
        return runAt(stage.nextActionNs());
    }

    /** Runs the stage's next action at its due time (the stage times each write by its clock, moved there). */
    private long runAt(long dueNs) {
        if (dueNs > stageClock.nanoTime()) {
            stageClock.setNs(dueNs);
        }
        return stage.runNextAction(dueNs);
    }

    /** The runner's duty cycle at its next deadline: due pin actions (lateness recorded) or new phases. */
    @Benchmark
    @HotPath
    public int runnerDutyCycle() {
        long deadline = runner.nextDeadlineNs();
        if (deadline > runnerClock.nanoTime()) {
            runnerClock.setNs(deadline);
        }
        return runner.doWork(deadline);
    }
}
