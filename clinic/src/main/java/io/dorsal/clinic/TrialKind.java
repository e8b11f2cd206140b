package io.dorsal.clinic;

/** A stimulation trial (percutaneous leads on an external stimulator) or a pump trial (catheter or bolus). */
public enum TrialKind {
    STIMULATION,
    PUMP
}
