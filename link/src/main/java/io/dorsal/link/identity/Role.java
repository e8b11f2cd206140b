package io.dorsal.link.identity;

/** What a paired peer may do; the rig enforces it, not the client. */
public enum Role {
    /** A clinician programmer: anything the validator allows. */
    CLINICIAN,
    /** A patient remote: therapy on or off and amplitude steps inside the patient range, nothing else. */
    PATIENT,
    /** The rig itself, as the peer a programmer pairs with. */
    RIG
}
