package io.dorsal.rig;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.rig.amplitude.AmplitudeOutputs;
import io.dorsal.rig.amplitude.PwmAmplitude;
import io.dorsal.rig.pins.AmplitudeControl;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import io.dorsal.rig.pins.PinMapException;
import io.dorsal.rig.pins.Source;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.sim.SimulatedMcp4822;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Example files and read-back of every line straight from Pi4J, for the rig tests. */
public final class RigFixtures {

    public static final Path EXAMPLES = Path.of("..", "examples");

    private RigFixtures() {
    }

    public static PinMap examplePins() {
        try {
            return PinMapCodec.read(EXAMPLES.resolve("rig-pins.json"));
        } catch (PinMapException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    public static ValidatedTherapy example(String name) {
        try {
            return validate(ProgramCodec.read(EXAMPLES.resolve(name)));
        } catch (ProgramFileException e) {
            throw new AssertionError(e.describe(), e);
        }
    }

    public static ValidatedTherapy validate(String json) {
        try {
            return validate(ProgramCodec.read(json));
        } catch (ProgramFileException e) {
            throw new AssertionError(e.describe(), e);
        }
    }

    private static ValidatedTherapy validate(io.dorsal.core.therapy.Therapy therapy) {
        return switch (new SafetyValidator().validate(therapy)) {
            case Validation.Safe safe -> safe.therapy();
            case Validation.Unsafe unsafe -> throw new AssertionError(unsafe.violations().toString());
        };
    }

    /** The mock platform, or the real Pi with -Ddorsal.rig.platform=pi (see docs/bench-rig.md). */
    public static Context platform(PinMap map) {
        Context pi4j = RigPlatform.forTests(map.pwmChip());
        if (RigPlatform.simulated(pi4j)) {
            // simulated DACs from the start, so every code the rig sends can be read back
            for (Source source : map.sources()) {
                if (source.control() instanceof AmplitudeControl.Dac dac) {
                    SimulatedMcp4822.at(pi4j, dac.chipSelect());
                }
            }
        }
        return pi4j;
    }

    /** Every GPIO line and PWM source whose level, read back from Pi4J, is not its safe level. */
    public static List<String> linesNotSafe(Context pi4j, PinMap map) {
        List<String> unsafe = new ArrayList<>();
        for (GpioLine line : map.lines()) {
            DigitalOutput out = pi4j.registry().get("dorsal-" + line.name(), DigitalOutput.class);
            int level = out.state() == DigitalState.HIGH ? 1 : 0;
            if (level != line.safeLevel()) {
                unsafe.add(line.name() + "=" + level);
            }
        }
        map.sync().ifPresent(sync -> {
            DigitalOutput out = pi4j.registry().get("dorsal-" + sync.name(), DigitalOutput.class);
            int level = out.state() == DigitalState.HIGH ? 1 : 0;
            if (level != sync.safeLevel()) {
                unsafe.add(sync.name() + "=" + level);
            }
        });
        for (Source source : map.sources()) {
            int setting = switch (source.control()) {
                case AmplitudeControl.Pwm pwm ->
                        new PwmAmplitude(pi4j.registry().get(AmplitudeOutputs.pwmId(source), Pwm.class)).setting();
                // the DAC cannot be read back: the simulated part behind the mock SPI bus says what it was sent
                case AmplitudeControl.Dac dac -> SimulatedMcp4822.at(pi4j, dac.chipSelect()).activeCode(dac.channel());
            };
            if (setting != source.safeSetting()) {
                unsafe.add(source.line() + "=" + setting);
            }
        }
        return unsafe;
    }

    /** The level of one line read back from Pi4J. */
    public static int level(Context pi4j, String lineName) {
        return pi4j.registry().get("dorsal-" + lineName, DigitalOutput.class).state() == DigitalState.HIGH ? 1 : 0;
    }
}
