package io.dorsal.rig.sense;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dorsal.core.ecap.EcapSource;
import io.dorsal.rig.pins.EcapChannel;
import io.dorsal.rig.pins.Sensing;

/**
 * The closed loop's ECAP on the bench: the response circuit's peak-hold output read through the rig's MCP3008
 * (docs/bench-rig.md, "The evoked response"). The generator asks as each period of the loop's program opens, which
 * on the rig is the runner's lookahead (0.5 ms) before that period's first phase: the hold still carries the previous
 * pulse's response, the 24 us conversion delays no phase, and the reset line is then pulsed so that the hold starts
 * empty for the pulse about to go out.
 *
 * <p>A lost recording is {@link Double#NaN}, as the loop expects: a code at full scale (the amplifier saturated: the
 * true response is unknown) or a conversion that failed. Both are counted. Allocation-free per reading on its own
 * part (the ADC's buffers are preallocated); not thread safe: the real-time thread reads it.
 */
public final class AdcEcapSource implements EcapSource {

    private final Mcp3008 adc;
    private final Sensing sensing;
    private final EcapChannel channel;
    private final DigitalOutput reset;
    private long readings;
    private long saturated;
    private long failed;

    /** A source over an open ADC and the hold's reset line. */
    public AdcEcapSource(Mcp3008 adc, Sensing sensing, DigitalOutput reset) {
        this.adc = adc;
        this.sensing = sensing;
        this.channel = channelOf(sensing);
        this.reset = reset;
    }

    /** Opens the ADC and the reset line (safe low) as the pin map says. */
    public static AdcEcapSource open(Context pi4j, Sensing sensing) {
        EcapChannel ecap = channelOf(sensing);
        DigitalOutput reset = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-" + ecap.resetLine())
                .name(ecap.resetLine()).address(ecap.resetGpio()).initial(DigitalState.LOW)
                .shutdown(DigitalState.LOW).build());
        return new AdcEcapSource(Mcp3008.open(pi4j, sensing.chipSelect()), sensing, reset);
    }

    private static EcapChannel channelOf(Sensing sensing) {
        return sensing.ecap().orElseThrow(() -> new IllegalArgumentException(
                "the pin map's sensing has no \"ecap\" input: the rig has no response circuit to read"));
    }

    @Override
    public double sampleUv(long pulseStartNs, double currentMa) {
        readings++;
        int code;
        try {
            code = adc.read(channel.channel());
        } catch (RuntimeException e) {
            // Pi4J's IO exceptions are unchecked: the reading is lost, the loop holds and falls back if it goes on
            failed++;
            return Double.NaN;
        } finally {
            reset.high();
            reset.low();
        }
        if (code >= Sensing.FULL_SCALE_CODE) {
            saturated++;
            return Double.NaN;
        }
        return sensing.ecapUv(code);
    }

    /** Readings asked for. */
    public long readings() {
        return readings;
    }

    /** Readings lost to a saturated amplifier. */
    public long saturated() {
        return saturated;
    }

    /** Readings lost to a failed conversion. */
    public long failed() {
        return failed;
    }
}
