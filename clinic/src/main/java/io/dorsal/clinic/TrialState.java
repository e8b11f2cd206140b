package io.dorsal.clinic;

/** Where a trial stands; each change of state is a new row of the trial. */
public enum TrialState {
    RUNNING,
    SUCCEEDED,
    FAILED
}
