package io.dorsal.clinic;

import java.util.Objects;

/**
 * A trial of a patient on a trial device, judged against {@code criterionReliefPercent} (50% relief or better
 * by default, {@link #DEFAULT_CRITERION_RELIEF_PERCENT}) from the pain score before it ({@code baselinePainScore}).
 */
public record Trial(String trialId, String patientId, String deviceId, TrialKind kind,
        double criterionReliefPercent, int baselinePainScore, TrialState state) implements ClinicRecord {

    /** The usual success criterion of a trial: half the pain gone. */
    public static final double DEFAULT_CRITERION_RELIEF_PERCENT = 50.0;

    public Trial {
        Require.text(trialId, "trialId");
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Require.between(criterionReliefPercent, 1, 100, "criterionReliefPercent");
        if (baselinePainScore < DiaryEntry.MIN_PAIN_SCORE || baselinePainScore > DiaryEntry.MAX_PAIN_SCORE) {
            throw new IllegalArgumentException("baselinePainScore is " + baselinePainScore + ", outside "
                    + DiaryEntry.MIN_PAIN_SCORE + " to " + DiaryEntry.MAX_PAIN_SCORE);
        }
        Objects.requireNonNull(state, "state");
    }

    /** The same trial in another state. */
    public Trial withState(TrialState next) {
        return new Trial(trialId, patientId, deviceId, kind, criterionReliefPercent, baselinePainScore, next);
    }
}
