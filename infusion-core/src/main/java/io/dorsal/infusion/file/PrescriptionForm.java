package io.dorsal.infusion.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The prescription file's JSON form, one record per object, exactly as written. Doses and concentrations are in
 * the unit the drug object names; volumes in mL; times of day {@code HH:MM}; dates ISO {@code yyyy-mm-dd}.
 */
final class PrescriptionForm {

    private PrescriptionForm() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pump", "drug", "catheter", "mode", "boluses", "patientBolus", "reservoir"})
    record FileForm(@JsonProperty(value = "pump", required = true) PumpForm pump,
                    @JsonProperty(value = "drug", required = true) DrugForm drug,
                    @JsonProperty(value = "catheter", required = true) CatheterForm catheter,
                    @JsonProperty(value = "mode", required = true) ModeForm mode,
                    @JsonProperty("boluses") List<BolusForm> boluses,
                    @JsonProperty("patientBolus") PatientBolusForm patientBolus,
                    @JsonProperty(value = "reservoir", required = true) ReservoirForm reservoir) {
        FileForm {
            Objects.requireNonNull(pump, "'pump' is required");
            Objects.requireNonNull(drug, "'drug' is required");
            Objects.requireNonNull(catheter, "'catheter' is required");
            Objects.requireNonNull(mode, "'mode' is required");
            Objects.requireNonNull(reservoir, "'reservoir' is required");
            if (boluses != null && boluses.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("'boluses' holds a null entry");
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PumpForm.Programmable.class, name = "programmable"),
        @JsonSubTypes.Type(value = PumpForm.ConstantFlow.class, name = "constantFlow")})
    sealed interface PumpForm {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"reservoirMl", "minRateMlPerDay", "maxRateMlPerDay", "strokeUl", "accuracyPercent"})
        record Programmable(@JsonProperty(value = "reservoirMl", required = true) double reservoirMl,
                            @JsonProperty("minRateMlPerDay") Double minRateMlPerDay,
                            @JsonProperty("maxRateMlPerDay") Double maxRateMlPerDay,
                            @JsonProperty("strokeUl") Double strokeUl,
                            @JsonProperty("accuracyPercent") Double accuracyPercent) implements PumpForm {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"reservoirMl", "nominalRateMlPerDay", "drivePressureKpa", "accuracyPercent"})
        record ConstantFlow(@JsonProperty(value = "reservoirMl", required = true) double reservoirMl,
                            @JsonProperty(value = "nominalRateMlPerDay", required = true) double nominalRateMlPerDay,
                            @JsonProperty("drivePressureKpa") Double drivePressureKpa,
                            @JsonProperty("accuracyPercent") Double accuracyPercent) implements PumpForm {
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "unit", "concentrationPerMl", "previousConcentrationPerMl", "maxDosePerDay"})
    record DrugForm(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty(value = "unit", required = true) String unit,
                    @JsonProperty(value = "concentrationPerMl", required = true) double concentrationPerMl,
                    @JsonProperty("previousConcentrationPerMl") Double previousConcentrationPerMl,
                    @JsonProperty("maxDosePerDay") Double maxDosePerDay) {
        DrugForm {
            Objects.requireNonNull(name, "the drug needs a name");
            Objects.requireNonNull(unit, "the drug needs a unit (mg or mcg)");
        }
    }

    @JsonPropertyOrder({"lengthCm", "volumeUlPerCm"})
    record CatheterForm(@JsonProperty(value = "lengthCm", required = true) double lengthCm,
                        @JsonProperty(value = "volumeUlPerCm", required = true) double volumeUlPerCm) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ModeForm.Stopped.class, name = "stopped"),
        @JsonSubTypes.Type(value = ModeForm.Continuous.class, name = "continuous"),
        @JsonSubTypes.Type(value = ModeForm.Flexible.class, name = "flexible"),
        @JsonSubTypes.Type(value = ModeForm.MinimumRate.class, name = "minimumRate"),
        @JsonSubTypes.Type(value = ModeForm.ConstantFlow.class, name = "constantFlow")})
    sealed interface ModeForm {
        record Stopped() implements ModeForm {
        }

        record Continuous(@JsonProperty(value = "dosePerDay", required = true) double dosePerDay) implements ModeForm {
        }

        record Flexible(@JsonProperty(value = "steps", required = true) List<StepForm> steps) implements ModeForm {
            public Flexible {
                Objects.requireNonNull(steps, "'steps' is required");
                if (steps.stream().anyMatch(Objects::isNull)) {
                    throw new IllegalArgumentException("'steps' holds a null entry");
                }
            }
        }

        record MinimumRate() implements ModeForm {
        }

        record ConstantFlow() implements ModeForm {
        }
    }

    @JsonPropertyOrder({"start", "dosePerDay"})
    record StepForm(@JsonProperty(value = "start", required = true) String start,
                    @JsonProperty(value = "dosePerDay", required = true) double dosePerDay) {
        StepForm {
            Objects.requireNonNull(start, "a step needs a start (HH:MM)");
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = BolusForm.Priming.class, name = "priming"),
        @JsonSubTypes.Type(value = BolusForm.Bridge.class, name = "bridge"),
        @JsonSubTypes.Type(value = BolusForm.Single.class, name = "single")})
    sealed interface BolusForm {
        record Priming(@JsonProperty(value = "durationMin", required = true) int durationMin) implements BolusForm {
        }

        record Bridge(@JsonProperty(value = "durationMin", required = true) int durationMin) implements BolusForm {
        }

        @JsonPropertyOrder({"dose", "durationMin"})
        record Single(@JsonProperty(value = "dose", required = true) double dose,
                      @JsonProperty(value = "durationMin", required = true) int durationMin) implements BolusForm {
        }
    }

    @JsonPropertyOrder({"dose", "durationMin", "lockoutMin", "maxPerDay"})
    record PatientBolusForm(@JsonProperty(value = "dose", required = true) double dose,
                            @JsonProperty(value = "durationMin", required = true) int durationMin,
                            @JsonProperty(value = "lockoutMin", required = true) int lockoutMin,
                            @JsonProperty(value = "maxPerDay", required = true) int maxPerDay) {
    }

    @JsonPropertyOrder({"fillMl", "lowAlarmMl", "filledOn", "refillBy"})
    record ReservoirForm(@JsonProperty(value = "fillMl", required = true) double fillMl,
                         @JsonProperty(value = "lowAlarmMl", required = true) double lowAlarmMl,
                         @JsonProperty(value = "filledOn", required = true) String filledOn,
                         @JsonProperty(value = "refillBy", required = true) String refillBy) {
        ReservoirForm {
            Objects.requireNonNull(filledOn, "'filledOn' is required (yyyy-mm-dd)");
            Objects.requireNonNull(refillBy, "'refillBy' is required (yyyy-mm-dd)");
        }
    }
}
