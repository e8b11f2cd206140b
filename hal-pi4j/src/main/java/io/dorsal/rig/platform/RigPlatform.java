package io.dorsal.rig.platform;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.plugin.raspberrypi.platform.RaspberryPiPlatform;
import io.dorsal.rig.sim.SimulatedSpiProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Pi4J contexts, always built explicitly with {@link Pi4J#newContextBuilder()} (the auto context would pick
 * up whatever plugins happen to be on the classpath).
 */
public final class RigPlatform {

    /** System property choosing the platform for tests: {@code mock} (default) or {@code pi}. */
    public static final String PROPERTY = "dorsal.rig.platform";

    private static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    private RigPlatform() {
    }

    /**
     * Pi4J's mock platform: GPIO and PWM that remember what was written, and a simulated SPI bus for the sensing ADC
     * (see {@link io.dorsal.rig.sim.SimulatedFrontEnd}); runs on any PC.
     */
    public static Context mock() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance(),
                        MockPwmProvider.newInstance(), new SimulatedSpiProvider())
                .build();
    }

    /**
     * The Raspberry Pi: GPIO through the kernel's character device (gpiod, about a microsecond a write) and
     * hardware PWM through sysfs (linuxfs, about 100 us a change).
     *
     * @param pwmChip the sysfs PWM chip: 0 on a Pi 4, 2 on a Pi 5
     */
    public static Context raspberryPi(int pwmChip) {
        return Pi4J.newContextBuilder()
                .add(new RaspberryPiPlatform())
                .add(GpioDDigitalOutputProvider.newInstance(), GpioDDigitalInputProvider.newInstance(),
                        LinuxFsPwmProvider.newInstance(pwmChip),
                        LinuxFsSpiProvider.newInstance())
                .build();
    }

    /** The context the tests run against: the mock unless {@code -Ddorsal.rig.platform=pi}. */
    public static Context forTests(int pwmChip) {
        return usePi() ? raspberryPi(pwmChip) : mock();
    }

    /** Whether a context is the mock platform with the simulated SPI bus (so a simulated front end can attach). */
    public static boolean simulated(Context pi4j) {
        return pi4j.providers().exists(SimulatedSpiProvider.ID);
    }

    /** Whether tests were asked to run against the real Pi. */
    public static boolean usePi() {
        return "pi".equals(System.getProperty(PROPERTY, "mock").trim().toLowerCase(Locale.ROOT));
    }

    /** Whether this machine is a Raspberry Pi (from the device tree's model string). */
    public static boolean isRaspberryPi() {
        try {
            return Files.isReadable(DEVICE_TREE_MODEL)
                    && new String(Files.readAllBytes(DEVICE_TREE_MODEL), StandardCharsets.US_ASCII).contains("Raspberry Pi");
        } catch (IOException e) {
            return false;
        }
    }
}
