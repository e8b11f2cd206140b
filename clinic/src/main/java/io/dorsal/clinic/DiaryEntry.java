package io.dorsal.clinic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a trial diary: the pain score (0 to 10), the relief the patient reports (0 to 100%), what they
 * could do, the programs they used and their notes.
 */
public record DiaryEntry(String trialId, LocalDate day, int painScore, double reliefPercent, String activity,
        String programsUsed, String notes) implements ClinicRecord {

    public static final int MIN_PAIN_SCORE = 0;
    public static final int MAX_PAIN_SCORE = 10;

    public DiaryEntry {
        Require.text(trialId, "trialId");
        Objects.requireNonNull(day, "day");
        if (painScore < MIN_PAIN_SCORE || painScore > MAX_PAIN_SCORE) {
            throw new IllegalArgumentException("painScore is " + painScore + ", outside " + MIN_PAIN_SCORE + " to "
                    + MAX_PAIN_SCORE);
        }
        Require.between(reliefPercent, 0, 100, "reliefPercent");
        Require.any(activity, "activity");
        Require.any(programsUsed, "programsUsed");
        Require.any(notes, "notes");
    }
}
