package io.dorsal.core.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The program file's JSON form, one record per object, exactly as written in files. Form errors (a missing
 * field, a field that does not belong) are thrown from the compact constructors so that the reader reports
 * them at their line and column. Safety is not judged here: that is the validator's work.
 */
final class FileForm {

    private FileForm() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"leads", "programs", "programSets", "activeSet", "limits"})
    record TherapyForm(@JsonProperty(value = "leads", required = true) List<LeadForm> leads,
                       @JsonProperty(value = "programs", required = true) List<ProgramForm> programs,
                       @JsonProperty("programSets") List<ProgramSetForm> programSets,
                       @JsonProperty("activeSet") String activeSet,
                       @JsonProperty("limits") LimitsForm limits,
                       @JsonProperty("closedLoop") ClosedLoopForm closedLoop) {
        TherapyForm {
            requireElements(leads, "leads");
            requireElements(programs, "programs");
            if (programSets != null) {
                requireElements(programSets, "programSets");
                if (activeSet == null) {
                    throw new IllegalArgumentException("'activeSet' is required with 'programSets': the set that runs");
                }
            } else if (activeSet != null) {
                throw new IllegalArgumentException("'activeSet' needs 'programSets' to choose from");
            }
        }
    }

    /** The closed loop's settings (docs/ecap.md): which program, the contacts it records on, the ECAP it holds. */
    record ClosedLoopForm(@JsonProperty(value = "program", required = true) String program,
                          @JsonProperty(value = "recordingContacts", required = true) List<String> recordingContacts,
                          @JsonProperty(value = "targetUv", required = true) double targetUv) {
        ClosedLoopForm {
            Objects.requireNonNull(program, "closedLoop names a program");
            Objects.requireNonNull(recordingContacts, "closedLoop names its recording contacts");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "programs", "patientSelectable"})
    record ProgramSetForm(@JsonProperty(value = "name", required = true) String name,
                          @JsonProperty(value = "programs", required = true) List<String> programs,
                          @JsonProperty("patientSelectable") Boolean patientSelectable) {
        ProgramSetForm {
            Objects.requireNonNull(name, "a program set needs a name");
            requireElements(programs, "programs");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "contacts", "contactAreaMm2", "impedanceOhm", "contactImpedanceOhm",
        "couplingCapacitanceUf", "layout"})
    record LeadForm(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty(value = "contacts", required = true) int contacts,
                    @JsonProperty("contactAreaMm2") Double contactAreaMm2,
                    @JsonProperty("impedanceOhm") Double impedanceOhm,
                    @JsonProperty("contactImpedanceOhm") Map<Integer, Double> contactImpedanceOhm,
                    @JsonProperty("couplingCapacitanceUf") Double couplingCapacitanceUf,
                    @JsonProperty("layout") LayoutForm layout) {
        LeadForm {
            Objects.requireNonNull(name, "a lead needs a name");
            if (contactAreaMm2 == null && layout == null) {
                throw new IllegalArgumentException("a lead needs 'contactAreaMm2', or a 'layout' to figure it from");
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"shape", "columns", "contactLengthMm", "contactWidthMm", "gapMm", "columnGapMm", "tip",
        "tipOffsetMm", "lateralMm"})
    record LayoutForm(@JsonProperty(value = "shape", required = true) String shape,
                      @JsonProperty("columns") Integer columns,
                      @JsonProperty(value = "contactLengthMm", required = true) double contactLengthMm,
                      @JsonProperty(value = "contactWidthMm", required = true) double contactWidthMm,
                      @JsonProperty(value = "gapMm", required = true) double gapMm,
                      @JsonProperty("columnGapMm") Double columnGapMm,
                      @JsonProperty("tip") String tip,
                      @JsonProperty("tipOffsetMm") Double tipOffsetMm,
                      @JsonProperty("lateralMm") Double lateralMm) {
        LayoutForm {
            Objects.requireNonNull(shape, "a layout names its shape: percutaneous or paddle");
            if (!shape.equals("percutaneous") && !shape.equals("paddle")) {
                throw new IllegalArgumentException("shape '" + shape + "': percutaneous or paddle");
            }
            if (tip != null && io.dorsal.core.therapy.SpinalLevel.parse(tip).isEmpty()) {
                throw new IllegalArgumentException("tip '" + tip + "': a vertebra, C1 to C7, T1 to T12, L1 to L5"
                        + " or S1");
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "electrodes", "amplitudeMa", "pulseWidthUs", "rateHz", "pattern", "recharge",
        "rampS", "cycle", "patientRange"})
    record ProgramForm(@JsonProperty(value = "name", required = true) String name,
                       @JsonProperty(value = "electrodes", required = true) LinkedHashMap<ContactKey, Integer> electrodes,
                       @JsonProperty(value = "amplitudeMa", required = true) double amplitudeMa,
                       @JsonProperty(value = "pulseWidthUs", required = true) int pulseWidthUs,
                       @JsonProperty("rateHz") Integer rateHz,
                       @JsonProperty(value = "pattern", required = true) PatternForm pattern,
                       @JsonProperty(value = "recharge", required = true) RechargeForm recharge,
                       @JsonProperty("rampS") Double rampS,
                       @JsonProperty("cycle") CycleForm cycle,
                       @JsonProperty("patientRange") PatientRangeForm patientRange) {
        ProgramForm {
            Objects.requireNonNull(name, "a program needs a name");
            Objects.requireNonNull(electrodes, "program '" + name + "' needs electrodes");
            Objects.requireNonNull(pattern, "program '" + name + "' needs a pattern");
            Objects.requireNonNull(recharge, "program '" + name + "' needs a recharge");
            if (pattern instanceof PatternForm.Burst && rateHz != null) {
                throw new IllegalArgumentException("program '" + name
                        + "': a burst program takes no rateHz (its pattern carries burstRateHz and intraBurstRateHz)");
            }
            if (!(pattern instanceof PatternForm.Burst) && rateHz == null) {
                throw new IllegalArgumentException("program '" + name + "': rateHz is required for a "
                        + (pattern instanceof PatternForm.Tonic ? "tonic" : "highFrequency") + " pattern");
            }
        }
    }

    /** A contact name used as a key of {@code electrodes}. */
    record ContactKey(ContactId contact) {
        @JsonCreator
        static ContactKey of(String name) {
            return new ContactKey(ContactId.parse(name));
        }

        @JsonValue
        @Override
        public String toString() {
            return contact.toString();
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PatternForm.Tonic.class, name = "tonic"),
        @JsonSubTypes.Type(value = PatternForm.HighFrequency.class, name = "highFrequency"),
        @JsonSubTypes.Type(value = PatternForm.Burst.class, name = "burst")})
    sealed interface PatternForm {
        record Tonic() implements PatternForm {
        }

        record HighFrequency() implements PatternForm {
        }

        @JsonPropertyOrder({"pulsesPerBurst", "intraBurstRateHz", "burstRateHz"})
        record Burst(@JsonProperty(value = "pulsesPerBurst", required = true) int pulsesPerBurst,
                     @JsonProperty(value = "intraBurstRateHz", required = true) int intraBurstRateHz,
                     @JsonProperty(value = "burstRateHz", required = true) int burstRateHz) implements PatternForm {
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RechargeForm.Active.class, name = "active"),
        @JsonSubTypes.Type(value = RechargeForm.Passive.class, name = "passive")})
    sealed interface RechargeForm {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Active(@JsonProperty("interphaseGapUs") Integer interphaseGapUs,
                      @JsonProperty("ratio") Integer ratio) implements RechargeForm {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Passive(@JsonProperty("windowUs") Integer windowUs) implements RechargeForm {
        }
    }

    record CycleForm(@JsonProperty(value = "onS", required = true) int onS,
                     @JsonProperty(value = "offS", required = true) int offS) {
    }

    record PatientRangeForm(@JsonProperty(value = "minMa", required = true) double minMa,
                            @JsonProperty(value = "maxMa", required = true) double maxMa) {
    }

    /**
     * Device limits a file sets: any of {@link DeviceLimits}' components by name, the rest from
     * {@link DeviceLimits#DEFAULTS}. The names and values are checked by the reader once the whole file is read,
     * so that it can point at the limit's own key or value rather than at the end of this object.
     */
    record LimitsForm(@JsonValue Map<String, Number> values) {
        @JsonCreator
        LimitsForm {
            values = new LinkedHashMap<>(values);
        }
    }

    private static void requireElements(List<?> list, String field) {
        Objects.requireNonNull(list, "'" + field + "' is required");
        if (list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("'" + field + "' holds a null entry");
        }
    }
}
