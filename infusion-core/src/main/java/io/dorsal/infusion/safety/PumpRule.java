package io.dorsal.infusion.safety;

/** The named rules of the pump validator, each with the words a message prints and the hazard it holds off. */
public enum PumpRule {
    CONCENTRATION("concentration", "over-delivery; catheter-tip granuloma from concentrated opioids"),
    DOSE_LIMIT("dose limit", "a prescription loosening the consensus daily limit"),
    DAILY_DOSE("daily dose", "overdose: the mode and every patient bolus allowed, over a day"),
    FLOW_RANGE("flow range", "a rate the pump cannot deliver: under-delivery below its minimum, a refused program above"),
    FLEXIBLE_STEPS("flexible steps", "a day with gaps or overlaps, delivering what nobody prescribed"),
    BOLUS("bolus", "a bolus of nothing, or faster than the pump"),
    PATIENT_BOLUS("patient bolus", "bolus stacking: doses closer than the lockout or more than allowed a day"),
    BRIDGE_BOLUS("bridge bolus", "a dose jump after a concentration change: old drug left in the tubing and catheter"),
    PRIMING_BOLUS("priming bolus", "a priming bolus delivering drug into a catheter already full of it"),
    RESERVOIR("reservoir", "a fill the reservoir cannot hold, or an alarm that can never sound"),
    RESERVOIR_LASTS("reservoir lasts", "withdrawal: the reservoir running low before the booked refill"),
    REFILL_INTERVAL("refill interval", "drug kept past its stability in the pump"),
    CATHETER("catheter", "a catheter volume that makes priming and bridge volumes meaningless"),
    CONSTANT_FLOW("constant flow", "fever or altitude raising a constant-flow pump's dose past the limit"),
    PUMP_KIND("pump kind", "a mode the pump cannot run"),
    PUMP_STATE("pump state", "a request the pump's state does not allow"),
    ROLE("role", "a patient changing a prescription");

    private final String label;
    private final String hazard;

    PumpRule(String label, String hazard) {
        this.label = label;
        this.hazard = hazard;
    }

    /** The rule's name as messages print it. */
    public String label() {
        return label;
    }

    /** The hazard the rule holds off. */
    public String hazard() {
        return hazard;
    }
}
