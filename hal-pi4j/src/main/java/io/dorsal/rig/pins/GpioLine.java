package io.dorsal.rig.pins;

import io.dorsal.core.therapy.ContactId;
import java.util.Objects;
import java.util.Optional;

/**
 * One GPIO output line of the rig.
 *
 * @param name      the line's name in the pin map, used in traces and messages
 * @param bcm       the Broadcom GPIO number (2 to 27 on the 40-pin header)
 * @param safeLevel the level (0 or 1) that puts the line in its safe state; the other level is active
 * @param role      what the line does
 * @param contact   the contact it switches (cathode and anode lines only)
 * @param source    the index of the source it connects to (cathode and anode lines only), else -1
 */
public record GpioLine(String name, int bcm, int safeLevel, LineRole role, Optional<ContactId> contact, int source) {

    public GpioLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(contact, "contact");
    }

    /** The active (non-safe) level. */
    public int activeLevel() {
        return 1 - safeLevel;
    }
}
