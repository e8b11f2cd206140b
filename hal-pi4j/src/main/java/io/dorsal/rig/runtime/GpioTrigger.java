package io.dorsal.rig.runtime;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.dorsal.rig.pins.TriggerInput;

/**
 * The pin map's trigger input through Pi4J: the input's own event thread notes each starting edge (pulled to the
 * other level, debounced by {@link #DEBOUNCE_US}), and the real-time runner takes it at its next duty cycle, so a
 * train starts within the runner's heartbeat ({@link RealtimeRunner#MAX_IDLE_NS}, 1 ms) of the edge, not at the
 * microsecond (docs/bench-rig.md).
 */
public final class GpioTrigger implements TriggerSource {

    /** Edges closer together than this are one (a mechanical switch or a long cable). */
    public static final long DEBOUNCE_US = 100;

    private final DigitalInput input;
    private volatile boolean pending;

    public GpioTrigger(Context pi4j, TriggerInput trigger) {
        DigitalState active = trigger.edge().activeLevel() == 1 ? DigitalState.HIGH : DigitalState.LOW;
        input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("dorsal-" + trigger.name()).name(trigger.name())
                .address(trigger.bcm())
                .pull(trigger.edge() == TriggerInput.Edge.RISING ? PullResistance.PULL_DOWN : PullResistance.PULL_UP)
                .debounce(DEBOUNCE_US).build());
        input.addListener(event -> {
            if (event.state() == active) {
                pending = true;
            }
        });
    }

    @Override
    public boolean takeEdge() {
        if (!pending) {
            return false;
        }
        pending = false;
        return true;
    }

    /** The Pi4J input (a test drives the mock's state through it). */
    public DigitalInput input() {
        return input;
    }
}
