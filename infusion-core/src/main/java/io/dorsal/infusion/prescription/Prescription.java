package io.dorsal.infusion.prescription;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.pump.PumpKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything a pump is programmed with. Concentrations in micrograms per millilitre, doses in micrograms.
 * Values are not judged here: that is {@link io.dorsal.infusion.safety.PrescriptionValidator}'s work.
 *
 * @param previousConcentrationUgPerMl the concentration in the pump before this fill, when it changed
 * @param maxDailyDoseUg               a tighter daily limit than the drug's, when the clinician sets one
 */
public record Prescription(PumpKind pump, Drug drug, double concentrationUgPerMl,
                           OptionalDouble previousConcentrationUgPerMl, OptionalDouble maxDailyDoseUg,
                           Catheter catheter, InfusionMode mode, List<StartBolus> startBoluses,
                           Optional<PatientBolus> patientBolus, Reservoir reservoir) {

    public Prescription {
        Objects.requireNonNull(pump, "pump");
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(previousConcentrationUgPerMl, "previousConcentrationUgPerMl");
        Objects.requireNonNull(maxDailyDoseUg, "maxDailyDoseUg");
        Objects.requireNonNull(catheter, "catheter");
        Objects.requireNonNull(mode, "mode");
        startBoluses = List.copyOf(startBoluses);
        Objects.requireNonNull(patientBolus, "patientBolus");
        Objects.requireNonNull(reservoir, "reservoir");
    }

    /** The same prescription in another mode. */
    public Prescription withMode(InfusionMode newMode) {
        return new Prescription(pump, drug, concentrationUgPerMl, previousConcentrationUgPerMl, maxDailyDoseUg,
                catheter, newMode, startBoluses, patientBolus, reservoir);
    }

    /** The same prescription with another patient bolus. */
    public Prescription withPatientBolus(Optional<PatientBolus> bolus) {
        return new Prescription(pump, drug, concentrationUgPerMl, previousConcentrationUgPerMl, maxDailyDoseUg,
                catheter, mode, startBoluses, bolus, reservoir);
    }

    /** The same prescription with another fill. */
    public Prescription withReservoir(Reservoir fill) {
        return new Prescription(pump, drug, concentrationUgPerMl, previousConcentrationUgPerMl, maxDailyDoseUg,
                catheter, mode, startBoluses, patientBolus, fill);
    }

    /** The same prescription with a new drug and concentration, remembering the old concentration for the bridge. */
    public Prescription withDrug(Drug newDrug, double newConcentrationUgPerMl, List<StartBolus> boluses) {
        OptionalDouble previous = newConcentrationUgPerMl == concentrationUgPerMl && newDrug == drug
                ? OptionalDouble.empty() : OptionalDouble.of(concentrationUgPerMl);
        return new Prescription(pump, newDrug, newConcentrationUgPerMl, previous, maxDailyDoseUg, catheter, mode,
                boluses, patientBolus, reservoir);
    }
}
