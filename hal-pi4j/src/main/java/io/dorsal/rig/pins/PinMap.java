package io.dorsal.rig.pins;

import io.dorsal.core.therapy.ContactId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rig's wiring: the master enable line, an optional discharge line for passive recharge, the current
 * sources and, per contact, the lines that connect it to a source as cathode or anode. Only
 * {@link PinMapCodec} makes one, after checking it is consistent. Immutable.
 *
 * @param name         a description of the rig
 * @param pwmChip      the sysfs PWM chip the channels belong to (0 on a Pi 4, 2 on a Pi 5)
 * @param lines        every GPIO line: enable first, then discharge (if any), then the contact lines
 * @param sources      the current sources
 * @param maxOnTimeUs  the longest the hardware maximum-on-time circuit lets ENABLE stay active (docs/bench-rig.md):
 *                     no phase the rig renders may be longer
 * @param busesInUse   the Pi's serial buses the rig leaves to their bus function: no line may use their pins
 * @param sensing      the measuring front end, when the rig has one
 * @param sync         the sync output marking each delivered stimulation phase, when the rig has one
 * @param trigger      the trigger input that starts a train, when the rig has one
 */
public record PinMap(String name, int pwmChip, List<GpioLine> lines, List<Source> sources, int maxOnTimeUs,
                     Set<PiBus> busesInUse, Optional<Sensing> sensing, Optional<SyncOutput> sync,
                     Optional<TriggerInput> trigger) {

    public PinMap {
        lines = List.copyOf(lines);
        sources = List.copyOf(sources);
        busesInUse = busesInUse.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(busesInUse));
        java.util.Objects.requireNonNull(sensing, "sensing");
        java.util.Objects.requireNonNull(sync, "sync");
        java.util.Objects.requireNonNull(trigger, "trigger");
        if (maxOnTimeUs < 1) {
            throw new IllegalArgumentException("maxOnTimeUs must be at least 1, was " + maxOnTimeUs);
        }
        if (lines.isEmpty() || lines.get(0).role() != LineRole.ENABLE) {
            throw new IllegalArgumentException("the enable line comes first");
        }
    }

    /** Index of the enable line in {@link #lines()}. */
    public static final int ENABLE_LINE = 0;

    public GpioLine enable() {
        return lines.get(ENABLE_LINE);
    }

    /** Index of the discharge line, or -1 when the rig has none. */
    public int dischargeLine() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).role() == LineRole.DISCHARGE) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the line that connects a contact in a role, or -1 when it is not wired so. */
    public int lineOf(ContactId contact, LineRole role) {
        for (int i = 0; i < lines.size(); i++) {
            GpioLine line = lines.get(i);
            if (line.role() == role && line.contact().equals(Optional.of(contact))) {
                return i;
            }
        }
        return -1;
    }

    /** The contacts wired on the rig, in pin-map order. */
    public List<ContactId> contacts() {
        return lines.stream().flatMap(l -> l.contact().stream()).distinct().toList();
    }
}
