package io.dorsal.rig.runtime;

import com.pi4j.context.Context;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.SyncOutput;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.sense.FrontEndProbe;
import io.dorsal.rig.sense.Mcp3008;
import io.dorsal.rig.sense.MeasuredSelfTest;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.util.ArrayList;
import java.util.List;

/**
 * Exercises every line once with the enable line held off (so no current can flow): each contact and
 * discharge line to its active level and back, each PWM source to half duty and back, the sync output (when the pin
 * map has one) to its pulse level and back; the enable line itself last, with every contact line open. Reports each
 * line as ok or failed.
 *
 * <p>Pin read-back only proves that Pi4J holds the level it wrote. When the pin map has a sensing front end, the
 * self-test then measures ({@link MeasuredSelfTest}): probe pulses through every switch and source find a broken
 * switch, a stuck line, a miscalibrated source or an ENABLE that does not gate. On Pi4J's mock platform the
 * {@link SimulatedFrontEnd} stands in for the analogue side.
 */
public final class SelfTest {

    private SelfTest() {
    }

    /** One line's result. */
    public record LineResult(String line, boolean ok, String detail) {
    }

    public static List<LineResult> run(Context pi4j, PinMap map, Clock clock) {
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, map, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        if (map.sensing().isPresent() && RigPlatform.simulated(pi4j)) {
            SimulatedFrontEnd.attach(pi4j, map, clock);
        }
        return run(pi4j, stage, map, clock, idleFor(clock));
    }

    /**
     * The self-test on a stage already made on the context (a test may attach a simulated front end with faults in
     * between); the measured part runs when the pin map has sensing.
     */
    public static List<LineResult> run(Context pi4j, Pi4jOutputStage stage, PinMap map, Clock clock,
                                       IdleStrategy idle) {
        List<LineResult> results = new ArrayList<>();
        for (int i = 1; i < map.lines().size(); i++) {
            results.add(exercise(stage, map, i, clock));
        }
        for (int s = 0; s < map.sources().size(); s++) {
            String name = map.sources().get(s).line();
            int half = map.sources().get(s).control().steps() / 2;
            try {
                stage.exerciseDuty(s, half, clock.nanoTime());
                boolean ok = stage.duty(s) == half;
                stage.exerciseDuty(s, map.sources().get(s).safeSetting(), clock.nanoTime());
                ok &= stage.duty(s) == map.sources().get(s).safeSetting();
                results.add(new LineResult(name, ok, ok ? "setting " + half + " (half scale) and back"
                        : "setting did not read back"));
            } catch (RuntimeException e) {
                results.add(new LineResult(name, false, e.toString()));
            }
        }
        map.sync().ifPresent(sync -> results.add(exerciseSync(stage, sync)));
        results.add(exercise(stage, map, PinMap.ENABLE_LINE, clock));
        stage.safe();
        if (map.sensing().isPresent()) {
            try {
                FrontEndProbe probe = new FrontEndProbe(pi4j, map, Mcp3008.open(pi4j, map.sensing().get().chipSelect()),
                        clock, idle);
                results.addAll(MeasuredSelfTest.run(probe, map));
            } catch (RuntimeException e) {
                results.add(new LineResult("sensing", false, "the ADC could not be read: " + e.getMessage()));
            } finally {
                stage.safe();
            }
        }
        return results;
    }

    /**
     * A virtual clock is moved to each deadline; a real one is waited on as the runner waits, parking until a learned
     * margin before it and spinning the rest ({@link ParkThenSpinIdleStrategy}).
     */
    static IdleStrategy idleFor(Clock clock) {
        return clock instanceof VirtualClock virtual ? new VirtualTimeIdleStrategy(virtual)
                : new ParkThenSpinIdleStrategy(clock);
    }

    /** The sync output (it switches no current): to its pulse level and back, each read back. */
    private static LineResult exerciseSync(Pi4jOutputStage stage, SyncOutput sync) {
        try {
            boolean ok = stage.exerciseSync(sync.activeLevel()) == sync.activeLevel();
            ok &= stage.exerciseSync(sync.safeLevel()) == sync.safeLevel();
            return new LineResult(sync.name(), ok, ok ? "pulse mark and back to safe" : "level did not read back");
        } catch (RuntimeException e) {
            stage.safe();
            return new LineResult(sync.name(), false, e.toString());
        }
    }

    private static LineResult exercise(Pi4jOutputStage stage, PinMap map, int line, Clock clock) {
        String name = map.lines().get(line).name();
        try {
            stage.exerciseLine(line, map.lines().get(line).activeLevel(), clock.nanoTime());
            boolean ok = stage.level(line) == map.lines().get(line).activeLevel();
            stage.exerciseLine(line, map.lines().get(line).safeLevel(), clock.nanoTime());
            ok &= stage.level(line) == map.lines().get(line).safeLevel();
            return new LineResult(name, ok, ok ? "active and back to safe" : "level did not read back");
        } catch (RuntimeException e) {
            stage.safe();
            return new LineResult(name, false, e.toString());
        }
    }
}
