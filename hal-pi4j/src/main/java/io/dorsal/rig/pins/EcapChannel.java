package io.dorsal.rig.pins;

import java.util.Objects;

/**
 * The rig's evoked-response input (docs/bench-rig.md, "The evoked response"): the response circuit's peak-hold
 * output on an ADC channel, scaled so that a volt at the channel is {@code uvPerVolt} microvolts of ECAP, and the GPIO
 * line that resets the hold after each reading.
 *
 * @param channel   the MCP3008 channel of the held peak
 * @param uvPerVolt microvolts of ECAP per volt at the channel (1,000,000 over the amplifier's gain)
 * @param resetLine the reset line's name
 * @param resetGpio its BCM number; active high, safe low (the hold keeps its charge while low)
 */
public record EcapChannel(int channel, double uvPerVolt, String resetLine, int resetGpio) {

    public EcapChannel {
        Objects.requireNonNull(resetLine, "resetLine");
    }
}
