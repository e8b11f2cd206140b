package io.dorsal.core.schedule;

/** The two phases of a biphasic pulse. */
public enum PhaseKind {
    /** The primary, stimulating phase (cathodic on the program's cathodes). */
    STIM("stim"),
    /** The charge-balancing phase (active opposite phase, or the passive discharge window). */
    RECHARGE("recharge");

    private final String label;

    PhaseKind(String label) {
        this.label = label;
    }

    /** The word the simulation CSV uses. */
    public String label() {
        return label;
    }
}
