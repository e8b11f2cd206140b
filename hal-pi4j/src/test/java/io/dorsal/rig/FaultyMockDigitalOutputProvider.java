package io.dorsal.rig;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;

/**
 * Pi4J's mock digital outputs, with a fault that can be injected: writes of one GPIO to its active level fail
 * with Pi4J's IOException (as a gpiod ioctl would), once or every time.
 */
public final class FaultyMockDigitalOutputProvider extends MockDigitalOutputProviderImpl {

    private volatile int failingBcm = -1;
    private volatile int failingLevel = -1;
    private volatile int failuresLeft;

    /** The next {@code times} writes of {@code level} to {@code bcm} fail (Integer.MAX_VALUE: every one). */
    public void failWrites(int bcm, int level, int times) {
        failingBcm = bcm;
        failingLevel = level;
        failuresLeft = times;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        MockDigitalOutput output = new MockDigitalOutput(this, config) {
            @Override
            public DigitalOutput state(DigitalState state) {
                int level = state == DigitalState.HIGH ? 1 : 0;
                if (config.address() == failingBcm && level == failingLevel && failuresLeft > 0) {
                    failuresLeft--;
                    throw new IOException("injected fault writing " + level + " to gpio " + failingBcm);
                }
                return super.state(state);
            }
        };
        context.registry().add(output);
        return output;
    }
}
