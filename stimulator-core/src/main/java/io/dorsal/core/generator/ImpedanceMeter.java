package io.dorsal.core.generator;

import io.dorsal.core.therapy.ContactId;
import java.util.List;
import java.util.Map;

/**
 * Port: measures contact impedances on real outputs (the bench rig's sensing front end). The generator calls it
 * from its impedance check only while it delivers nothing, under its own lock, so no therapy can start meanwhile; the
 * meter may drive the outputs and must leave them in their safe state. Without a meter the check reads the
 * impedances the therapy's leads declare.
 */
@FunctionalInterface
public interface ImpedanceMeter {

    /** No meter: every contact's impedance comes from the therapy file. */
    ImpedanceMeter NONE = contacts -> Map.of();

    /**
     * Measures contacts.
     *
     * @param contacts the contacts to measure, every lead's then the can
     * @return each measured contact's impedance in ohm; a contact the meter cannot reach is left out (the check then
     *         reports the file's figure for it, marked as not measured)
     */
    Map<ContactId, Double> measureOhm(List<ContactId> contacts);
}
