package io.dorsal.core.safety;

/** The named rules of the validator, each with the words a clinician or engineer reads in a message. */
public enum SafetyRule {
    NAMES("names"),
    LEADS("leads"),
    PROGRAM_COUNT("program count"),
    DEVICE_LIMITS("device limits"),
    CONTACTS("contacts"),
    FRACTIONS("fractions"),
    IMPEDANCE("impedance"),
    AMPLITUDE("amplitude"),
    CONTACT_CURRENT("contact current"),
    PULSE_WIDTH("pulse width"),
    RATE("rate"),
    BURST("burst"),
    RECHARGE("recharge"),
    TIMING("pulse fits period"),
    INTERLEAVING("interleaving"),
    CHARGE_DENSITY("charge density"),
    SHANNON("Shannon limit"),
    COMPLIANCE("compliance voltage"),
    ELECTRODE_CHARGE("electrode charge"),
    PASSIVE_RETURN("passive return"),
    CONTACT_AREA("contact area"),
    RAMP_FITS_CYCLE("ramp fits on-time"),
    PROGRAM_SETS("program sets"),
    CLOSED_LOOP("closed loop"),
    CHARGE_BALANCE("charge balance"),
    RAMP("ramp"),
    CYCLE("cycle"),
    PATIENT_RANGE("patient range"),
    GENERATOR_STATE("generator state"),
    OUTPUT_STAGE("output stage"),
    ROLE("role");

    private final String label;

    SafetyRule(String label) {
        this.label = label;
    }

    /** The rule's name as messages print it, such as {@code charge density}. */
    public String label() {
        return label;
    }
}
