package io.dorsal.rig.pump;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The rig pump's optional measured output: a laboratory balance under the outlet's container, printing its reading
 * continuously on a serial line (the usual "print continuously" mode of Sartorius, Ohaus, A&amp;D and Mettler balances),
 * read through Pi4J. What the balance weighs, over the density, is what the pump really delivered.
 *
 * @param device        the serial device (such as {@code /dev/ttyUSB0} for a USB adapter, {@code /dev/serial0})
 * @param baud          the line's speed, as set on the balance (1,200 to 115,200)
 * @param densityGPerMl the solution's density (water and the usual intrathecal solutions about 1.00 g/mL)
 */
public record BalanceSettings(@JsonProperty(value = "device", required = true) String device,
                              @JsonProperty(value = "baud", required = true) int baud,
                              @JsonProperty(value = "densityGPerMl", required = true) double densityGPerMl) {

    public BalanceSettings {
        Objects.requireNonNull(device, "device");
        if (device.isBlank()) {
            throw new IllegalArgumentException("balance.device names the serial device, such as /dev/ttyUSB0");
        }
        if (baud < 1_200 || baud > 115_200) {
            throw new IllegalArgumentException("balance.baud must be 1200 to 115200: " + baud);
        }
        if (!(densityGPerMl >= 0.5 && densityGPerMl <= 2.0)) {
            throw new IllegalArgumentException("balance.densityGPerMl must be 0.5 to 2.0 g/mL: " + densityGPerMl);
        }
    }
}
