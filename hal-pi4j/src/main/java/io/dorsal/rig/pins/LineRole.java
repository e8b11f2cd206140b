package io.dorsal.rig.pins;

/** What a GPIO line does on the rig. */
public enum LineRole {
    /** Gates every source: no current flows while it is at its safe level. */
    ENABLE,
    /** Discharges the output coupling capacitors through the bleed path: passive recharge. */
    DISCHARGE,
    /** Connects a contact to a source as cathode (the source sinks current from the contact). */
    CATHODE,
    /** Connects a contact to a source as anode (the source pushes current into the contact). */
    ANODE
}
