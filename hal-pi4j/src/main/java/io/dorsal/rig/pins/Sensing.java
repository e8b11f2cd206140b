package io.dorsal.rig.pins;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The rig's measuring front end (docs/bench-rig.md, "Sensing"): an MCP3008 ADC on SPI0 reads, per current source, the
 * voltage across that source's sense resistor (so the current it really drives), and the voltage across the current
 * path between the anode and cathode nodes through a differential amplifier. Immutable.
 *
 * @param chipSelect          the ADC's SPI0 chip select (0 or 1)
 * @param vrefV               the ADC's reference voltage: full scale of its 10-bit code
 * @param sourceChannel       per source (in pin-map order), the ADC channel of its current sense
 * @param sourceMaPerVolt     per source, mA of output current per volt at its channel
 * @param pathChannel         the ADC channel of the path voltage
 * @param pathVoltsPerVolt    volts across the path per volt at its channel (the divider and amplifier gain)
 * @param pathOffsetV         the channel's reading at 0 V across the path (the amplifier's mid-rail offset)
 * @param selfTestLoadOhm     the resistance of the self-test fixture between each contact and its return, when the
 *                            fixture is fitted; empty when contacts go to an unknown load
 * @param ecap                the evoked-response input of the response circuit, when one is fitted
 */
public record Sensing(int chipSelect, double vrefV, List<Integer> sourceChannel, List<Double> sourceMaPerVolt,
                      int pathChannel, double pathVoltsPerVolt, double pathOffsetV, OptionalDouble selfTestLoadOhm,
                      java.util.Optional<EcapChannel> ecap) {

    /** Channels of the MCP3008. */
    public static final int CHANNELS = 8;
    /** Codes of its 10-bit conversion. */
    public static final int FULL_SCALE_CODE = 1023;

    public Sensing {
        sourceChannel = List.copyOf(sourceChannel);
        sourceMaPerVolt = List.copyOf(sourceMaPerVolt);
        Objects.requireNonNull(selfTestLoadOhm, "selfTestLoadOhm");
        Objects.requireNonNull(ecap, "ecap");
        if (sourceChannel.size() != sourceMaPerVolt.size()) {
            throw new IllegalArgumentException("one current channel and gain per source");
        }
    }

    /** The current a source drives, from its channel's code, in mA. */
    public double sourceMa(int source, int code) {
        return volts(code) * sourceMaPerVolt.get(source);
    }

    /** The voltage across the current path, from its channel's code, in V (anode node minus cathode node). */
    public double pathV(int code) {
        return (volts(code) - pathOffsetV) * pathVoltsPerVolt;
    }

    /** The code a voltage at an ADC input converts to (clamped to the converter's range). */
    public int code(double inputV) {
        long code = Math.round(inputV / vrefV * FULL_SCALE_CODE);
        return (int) Math.max(0, Math.min(FULL_SCALE_CODE, code));
    }

    /** The ECAP the held peak stands for, from its channel's code, in uV (the channel must be fitted). */
    public double ecapUv(int code) {
        return volts(code) * ecap.orElseThrow().uvPerVolt();
    }

    private double volts(int code) {
        return code * vrefV / FULL_SCALE_CODE;
    }
}
