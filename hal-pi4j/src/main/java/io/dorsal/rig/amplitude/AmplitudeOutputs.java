package io.dorsal.rig.amplitude;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.spi.Spi;
import io.dorsal.rig.pins.AmplitudeControl;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Source;

/**
 * Opens the amplitude part of every source of a pin map on a Pi4J context: a PWM channel, or a channel of an
 * MCP4822 (one SPI device per chip select, shared by its two channels). Opening again on the same context (a probe
 * after the output stage) reuses the devices already there. A new output is written to its safe setting.
 */
public final class AmplitudeOutputs {

    private AmplitudeOutputs() {
    }

    /** Every source's amplitude output, in pin-map order, each written to its safe setting. */
    public static AmplitudeOutput[] open(Context pi4j, PinMap map) {
        AmplitudeOutput[] outputs = new AmplitudeOutput[map.sources().size()];
        for (int s = 0; s < outputs.length; s++) {
            Source source = map.sources().get(s);
            outputs[s] = switch (source.control()) {
                case AmplitudeControl.Dac dac -> new DacAmplitude(mcp4822(pi4j, dac), dac.channel());
                case AmplitudeControl.Pwm pwm -> new PwmAmplitude(pwm(pi4j, source, pwm));
            };
            outputs[s].set(source.safeSetting());
        }
        return outputs;
    }

    /** The registry id of a source's PWM line. */
    public static String pwmId(Source source) {
        return "dorsal-" + source.line();
    }

    private static Mcp4822 mcp4822(Context pi4j, AmplitudeControl.Dac dac) {
        String id = Mcp4822.deviceId(dac.chipSelect());
        if (pi4j.registry().exists(id)) {
            return new Mcp4822(pi4j.registry().get(id, Spi.class), dac.gain());
        }
        return Mcp4822.open(pi4j, dac.chipSelect(), dac.gain());
    }

    private static Pwm pwm(Context pi4j, Source source, AmplitudeControl.Pwm pwm) {
        String id = pwmId(source);
        if (pi4j.registry().exists(id)) {
            return pi4j.registry().get(id, Pwm.class);
        }
        return pi4j.create(Pwm.newConfigBuilder(pi4j).id(id).name(source.line()).address(pwm.channel())
                .pwmType(PwmType.HARDWARE).frequency(pwm.frequencyHz()).dutyCycle(source.safeSetting())
                .initial(source.safeSetting()).shutdown(source.safeSetting()).build());
    }
}
