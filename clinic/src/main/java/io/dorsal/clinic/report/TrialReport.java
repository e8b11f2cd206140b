package io.dorsal.clinic.report;

import io.dorsal.clinic.Device;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.trial.CarryoverPlan;
import io.dorsal.clinic.trial.Judgement;
import io.dorsal.core.safety.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a trial report says: the patient, the trial device, the judgement with its data, the diary (as a table
 * and plotted) and, when planned, the carry-over to the implant with its differences and refusals. Written as
 * HTML ({@link HtmlTrialReport}) and PDF ({@link PdfTrialReport}).
 */
public record TrialReport(Patient patient, Device trialDevice, Judgement judgement, CarryoverPlan carryover,
        String generatedAt) {

    public TrialReport {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(trialDevice, "trialDevice");
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }

    String title() {
        return "Trial report: " + patient.displayName();
    }

    List<String> heading() {
        return List.of(
                "Patient: " + patient.displayName() + ", born " + patient.birthDate(),
                "Trial: " + judgement.trial().trialId() + " (" + judgement.trial().kind() + ", "
                        + judgement.trial().state() + ")",
                "Trial device: " + trialDevice.model() + ", serial " + trialDevice.serial() + ", since "
                        + trialDevice.implantDate(),
                "Generated: " + generatedAt);
    }

    DiaryPlot plot() {
        return DiaryPlot.of(judgement.diary(), judgement.trial().criterionReliefPercent());
    }

    static List<String> diaryHeader() {
        return List.of("day", "pain /10", "relief %", "activity", "programs", "notes");
    }

    List<List<String>> diaryRows() {
        List<List<String>> rows = new ArrayList<>();
        for (DiaryEntry e : judgement.diary()) {
            rows.add(List.of(e.day().toString(), Integer.toString(e.painScore()),
                    String.format(Locale.ROOT, "%.0f", e.reliefPercent()), e.activity(), e.programsUsed(), e.notes()));
        }
        return rows;
    }

    /** The carry-over as lines: the differences, then what was refused, then the outcome. */
    List<String> carryoverLines() {
        if (carryover == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add("Contact map: " + carryover.map());
        out.addAll(carryover.differences());
        out.addAll(carryover.unmapped());
        for (Violation v : carryover.violations()) {
            out.add("REFUSED on the implant: " + v.message());
        }
        out.add(carryover.safe() ? "Every program is within the implant's limits." : "Not safe on the implant:"
                + " nothing may be applied until the programs are changed.");
        return out;
    }
}
