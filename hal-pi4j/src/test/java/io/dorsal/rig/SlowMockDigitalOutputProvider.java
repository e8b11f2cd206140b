package io.dorsal.rig;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;
import io.dorsal.core.time.VirtualClock;

/**
 * Pi4J's mock digital outputs on a virtual clock, one of whose writes can be made slow: once armed, the n-th write of
 * a level to a GPIO moves the clock on by a delay before it returns, as a write stalled in the kernel (or a thread
 * preempted in the middle of it) would. The stage stamps every write with the clock read after it returns, so the
 * delay shows in the trace and in what the runner measures, exactly where it happened.
 */
public final class SlowMockDigitalOutputProvider extends MockDigitalOutputProviderImpl {

    private final VirtualClock clock;
    private int bcm = -1;
    private int level = -1;
    private int writesLeft;
    private long delayNs;
    private boolean fired;

    public SlowMockDigitalOutputProvider(VirtualClock clock) {
        this.clock = clock;
    }

    /** From now on, the {@code nth} write (1 = the next) of {@code writeLevel} to {@code gpio} takes {@code ns}. */
    public void slowWrite(int gpio, int writeLevel, int nth, long ns) {
        bcm = gpio;
        level = writeLevel;
        writesLeft = nth;
        delayNs = ns;
        fired = false;
    }

    /** Whether the slow write has happened. */
    public boolean fired() {
        return fired;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        MockDigitalOutput output = new MockDigitalOutput(this, config) {
            @Override
            public DigitalOutput state(DigitalState state) {
                DigitalOutput result = super.state(state);
                int written = state == DigitalState.HIGH ? 1 : 0;
                if (config.address() == bcm && written == level && writesLeft > 0 && --writesLeft == 0) {
                    fired = true;
                    clock.advanceNs(delayNs);
                }
                return result;
            }
        };
        context.registry().add(output);
        return output;
    }
}
