package io.dorsal.clinic.trial;

import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Trial;
import java.util.List;
import java.util.Locale;

/**
 * A trial judged on its diary: the mean relief the patient reported against the trial's criterion, shown with the
 * data it rests on (days, mean pain against the baseline, the relief those scores imply).
 *
 * @param meanReliefPercent the mean of the reported relief, the figure the criterion applies to
 * @param meanPainScore     the mean daily pain score
 * @param painReliefPercent the relief the pain scores imply: (baseline - mean) / baseline
 */
public record Judgement(Trial trial, List<DiaryEntry> diary, double meanReliefPercent, double meanPainScore,
        double painReliefPercent, Verdict verdict) {

    /** Fewer diary days than this leave a trial unjudged (default: a trial runs 3 to 10 days). */
    public static final int MIN_DIARY_DAYS = 3;

    public Judgement {
        diary = List.copyOf(diary);
    }

    /** Judges {@code trial} on its diary (one entry per day, the newest entry of a day). */
    public static Judgement of(Trial trial, List<DiaryEntry> diary) {
        double relief = diary.stream().mapToDouble(DiaryEntry::reliefPercent).average().orElse(0);
        double pain = diary.stream().mapToInt(DiaryEntry::painScore).average().orElse(trial.baselinePainScore());
        double painRelief = trial.baselinePainScore() == 0 ? 0
                : 100.0 * (trial.baselinePainScore() - pain) / trial.baselinePainScore();
        Verdict verdict = diary.size() < MIN_DIARY_DAYS ? Verdict.TOO_FEW_DAYS
                : relief >= trial.criterionReliefPercent() ? Verdict.MET : Verdict.NOT_MET;
        return new Judgement(trial, diary, relief, pain, painRelief, verdict);
    }

    /** One line with the data: "criterion 50% relief: MET, mean relief 62.5% over 5 days (...)". */
    public String summary() {
        return String.format(Locale.ROOT, "criterion %.0f%% relief or better: %s; mean reported relief %.1f%% over"
                + " %d day%s (at least %d needed); mean pain %.1f/10 against %d/10 before the trial (%.1f%% less)",
                trial.criterionReliefPercent(), verdict, meanReliefPercent, diary.size(), diary.size() == 1 ? "" : "s",
                MIN_DIARY_DAYS, meanPainScore, trial.baselinePainScore(), painReliefPercent);
    }
}
