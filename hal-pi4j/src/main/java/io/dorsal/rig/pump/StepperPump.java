package io.dorsal.rig.pump;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.output.LineTrace;
import java.util.List;

/**
 * A stepper driver's STEP, DIR and ENABLE lines on Pi4J. Provisioned safe (ENABLE high: disabled, STEP low), and
 * driven safe again at the end, on {@link #driveSafe} and on any write that fails; every change is traced. Not
 * thread safe, except {@link #driveSafe}, which another thread may call to stop it.
 */
public final class StepperPump implements AutoCloseable {

    /** Trace line indices. */
    public static final int STEP = 0;
    /** See {@link #STEP}. */
    public static final int DIR = 1;
    /** See {@link #STEP}. */
    public static final int ENABLE = 2;

    private final PumpPins pins;
    private final Clock clock;
    private final DigitalOutput step;
    private final DigitalOutput dir;
    private final DigitalOutput enable;
    private LineTrace trace;
    private volatile boolean faulted;
    private long steps;

    public StepperPump(Context pi4j, PumpPins pins, Clock clock) {
        this.pins = pins;
        this.clock = clock;
        step = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-pump-step").name("STEP")
                .address(pins.stepBcm()).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
        DigitalState forward = pins.forwardLevel() == 1 ? DigitalState.HIGH : DigitalState.LOW;
        dir = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-pump-dir").name("DIR")
                .address(pins.dirBcm()).initial(forward).shutdown(forward).build());
        enable = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-pump-enable").name("ENABLE")
                .address(pins.enableBcm()).initial(DigitalState.HIGH).shutdown(DigitalState.HIGH).build());
    }

    /** The names of the traced lines, by index. */
    public static List<String> traceLineNames() {
        return List.of("STEP", "DIR", "ENABLE");
    }

    /** Records every line change from now on. */
    public void startTrace(LineTrace lineTrace) {
        this.trace = lineTrace;
    }

    /**
     * Enables the driver, sets DIR forward and gives {@code count} STEP pulses. Returns false, with every line
     * safe, when a write fails or the pump was driven safe.
     */
    public boolean step(long count) {
        if (faulted) {
            return false;
        }
        try {
            write(enable, ENABLE, 0);
            write(dir, DIR, pins.forwardLevel());
            for (long i = 0; i < count && !faulted; i++) {
                write(step, STEP, 1);
                write(step, STEP, 0);
                steps++;
            }
            return !faulted;
        } catch (RuntimeException e) {
            // Pi4J's unchecked IOException and anything else at the pin edge
            faulted = true;
            driveSafe();
            return false;
        }
    }

    /** Disables the driver (ENABLE high) and leaves STEP low; the pump holds still. Never throws. */
    public void driveSafe() {
        try {
            write(step, STEP, 0);
        } catch (RuntimeException e) {
            faulted = true;
        }
        try {
            write(enable, ENABLE, 1);
        } catch (RuntimeException e) {
            faulted = true;
        }
    }

    /** Whether a write failed: the pump is safe and steps no more. */
    public boolean faulted() {
        return faulted;
    }

    /** STEP pulses given. */
    public long steps() {
        return steps;
    }

    /** Whether ENABLE is low (the driver powers the motor). */
    public boolean enabled() {
        return enable.isLow();
    }

    private void write(DigitalOutput line, int index, int value) {
        if (value == 1) {
            line.high();
        } else {
            line.low();
        }
        LineTrace t = trace;
        if (t != null) {
            t.record(clock.nanoTime(), index, value);
        }
    }

    @Override
    public void close() {
        driveSafe();
    }
}
