package io.dorsal.clinic.trial;

/** What the diary says about the trial's criterion. */
public enum Verdict {
    /** The mean relief reached the criterion. */
    MET,
    /** It did not. */
    NOT_MET,
    /** Fewer diary days than {@link Judgement#MIN_DIARY_DAYS}: no judgement yet. */
    TOO_FEW_DAYS
}
