package io.dorsal.core.file;

import java.util.ArrayList;
import io.dorsal.core.ecap.ClosedLoopSettings;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dorsal.core.file.FileForm.ContactKey;
import io.dorsal.core.file.FileForm.CycleForm;
import io.dorsal.core.file.FileForm.LayoutForm;
import io.dorsal.core.file.FileForm.LeadForm;
import io.dorsal.core.file.FileForm.LimitsForm;
import io.dorsal.core.file.FileForm.PatientRangeForm;
import io.dorsal.core.file.FileForm.PatternForm;
import io.dorsal.core.file.FileForm.ProgramForm;
import io.dorsal.core.file.FileForm.ProgramSetForm;
import io.dorsal.core.file.FileForm.RechargeForm;
import io.dorsal.core.file.FileForm.TherapyForm;
import io.dorsal.core.json.InputBounds;
import io.dorsal.core.json.JsonProblem;
import io.dorsal.core.json.JsonProblems;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.LeadLayout;
import io.dorsal.core.therapy.LeadShape;
import io.dorsal.core.therapy.SpinalLevel;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads and writes program files (docs/program-format.md). Strict: an unknown field, a duplicated key, a
 * string where a number belongs, a fraction where a whole number belongs or trailing text is an error with
 * its line and column. Thread safe.
 */
public final class ProgramCodec {

    private static final InputBounds BOUNDS = InputBounds.FILE;

    private static final ObjectMapper MAPPER = JsonMapper.builder(BOUNDS.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    private static final JsonProblems PROBLEMS = new JsonProblems(MAPPER, BOUNDS, "an object with leads and programs",
            f -> f.getTargetType() == ContactKey.class
                    ? Optional.of(contactProblem(f.getValue())) : Optional.empty());

    private ProgramCodec() {
    }

    /** Reads a program file of at most 256 KiB (docs/program-format.md, "Bounds"). */
    public static Therapy read(Path file) throws ProgramFileException {
        return readSets(file).active();
    }

    /**
     * Reads a program file's text: the therapy that runs, which is the active program set's when the file has sets
     * ({@link #readSets(String)} reads them all).
     */
    public static Therapy read(String json) throws ProgramFileException {
        return readSets(json).active();
    }

    /**
     * Reads a program file with its program sets (one set of all its programs when it declares none); at most
     * 256 KiB are read (docs/program-format.md, "Bounds").
     */
    public static TherapySets readSets(Path file) throws ProgramFileException {
        String text;
        try {
            text = BOUNDS.readFile(file);
        } catch (InputBounds.TooLarge e) {
            throw new ProgramFileException(0, 0, "", "the file is " + e.getMessage());
        } catch (IOException e) {
            throw new ProgramFileException(0, 0, "", "cannot read the file: " + JsonProblems.describeIo(e));
        }
        return readSets(text);
    }

    /**
     * The closed loop's settings a program file declares (its {@code closedLoop} object, docs/ecap.md), read as strictly
     * as the rest of the file; empty when it declares none. Not part of the therapy the generator runs: the loop is
     * simulated so far ({@code stimctl loop report}), and a file written back from a therapy does not keep them.
     */
    public static Optional<ClosedLoopSettings> readClosedLoop(Path file) throws ProgramFileException {
        try {
            return readClosedLoop(BOUNDS.readFile(file));
        } catch (InputBounds.TooLarge e) {
            throw new ProgramFileException(0, 0, "", "the file is " + e.getMessage());
        } catch (IOException e) {
            throw new ProgramFileException(0, 0, "", "cannot read the file: " + JsonProblems.describeIo(e));
        }
    }

    /** As {@link #readClosedLoop(Path)}, from the file's text. */
    public static Optional<ClosedLoopSettings> readClosedLoop(String json) throws ProgramFileException {
        readSets(json);
        TherapyForm form;
        try {
            form = MAPPER.readValue(json, TherapyForm.class);
        } catch (JsonProcessingException e) {
            throw translate(e, json);
        }
        if (form.closedLoop() == null) {
            return Optional.empty();
        }
        FileForm.ClosedLoopForm c = form.closedLoop();
        List<ContactId> contacts = new ArrayList<>();
        for (String name : c.recordingContacts()) {
            try {
                contacts.add(ContactId.parse(name));
            } catch (IllegalArgumentException e) {
                throw new ProgramFileException(0, 0, "closedLoop.recordingContacts", e.getMessage());
            }
        }
        return Optional.of(new ClosedLoopSettings(c.program(), contacts, c.targetUv()));
    }

    /** Reads a program file's text with its program sets, held to the same bounds as a file. */
    public static TherapySets readSets(String json) throws ProgramFileException {
        if (json.length() > BOUNDS.maxBytes()) {
            throw new ProgramFileException(0, 0, "", "the program file is " + BOUNDS.sizeProblem());
        }
        checkBounds(json);
        TherapyForm form;
        try {
            form = MAPPER.readValue(json, TherapyForm.class);
        } catch (JsonProcessingException e) {
            throw translate(e, json);
        }
        if (form == null) {
            throw new ProgramFileException(1, 1, "", "the file is empty or null; expected an object with leads and programs");
        }
        refuseNulls(json);
        Therapy library = toTherapy(form, json);
        if (form.programSets() == null) {
            return TherapySets.single(library);
        }
        List<ProgramSet> sets = form.programSets().stream().map(s -> new ProgramSet(s.name(), s.programs(),
                Boolean.TRUE.equals(s.patientSelectable()))).toList();
        return new TherapySets(library, sets, form.activeSet());
    }

    /** Refuses an explicit {@code null} anywhere (docs/program-format.md). */
    private static void refuseNulls(String json) throws ProgramFileException {
        Optional<JsonProblem> first = PROBLEMS.firstNull(json);
        if (first.isPresent()) {
            throw new ProgramFileException(first.get());
        }
    }

    /** Refuses, before anything is bound, a document beyond the reader's bounds ({@link InputBounds#FILE}). */
    private static void checkBounds(String json) throws ProgramFileException {
        Optional<JsonProblem> beyond = PROBLEMS.beyondBounds(json);
        if (beyond.isPresent()) {
            throw new ProgramFileException(beyond.get());
        }
    }

    /** Writes a therapy in the program form, so that {@link #read} gives it back. */
    public static String write(Therapy therapy) {
        try {
            return MAPPER.writeValueAsString(toForm(therapy)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Therapy therapy, Path file) throws IOException {
        Files.writeString(file, write(therapy), StandardCharsets.UTF_8);
    }

    /** Writes a therapy with its program sets (without them when it is one undeclared set), so that readSets gives it back. */
    public static String write(TherapySets sets) {
        if (!sets.declared()) {
            return write(sets.library());
        }
        TherapyForm plain = toForm(sets.library());
        List<ProgramSetForm> forms = sets.sets().stream().map(s -> new ProgramSetForm(s.name(), s.programs(),
                s.patientSelectable() ? Boolean.TRUE : null)).toList();
        try {
            return MAPPER.writeValueAsString(new TherapyForm(plain.leads(), plain.programs(), forms, sets.activeSet(),
                    plain.limits(), null)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------

    private static Therapy toTherapy(TherapyForm form, String json) throws ProgramFileException {
        List<Lead> leads = form.leads().stream().map(ProgramCodec::toLead).toList();
        List<Program> programs = form.programs().stream().map(ProgramCodec::toProgram).toList();
        return new Therapy(leads, programs, toLimits(form.limits(), json));
    }

    private static Lead toLead(LeadForm f) {
        Map<Integer, Double> own = f.contactImpedanceOhm() == null ? Map.of() : f.contactImpedanceOhm();
        OptionalDouble impedance = f.impedanceOhm() == null ? OptionalDouble.empty() : OptionalDouble.of(f.impedanceOhm());
        OptionalDouble coupling = f.couplingCapacitanceUf() == null ? OptionalDouble.empty()
                : OptionalDouble.of(f.couplingCapacitanceUf());
        Optional<LeadLayout> layout = Optional.ofNullable(f.layout()).map(ProgramCodec::toLayout);
        double area = f.contactAreaMm2() != null ? f.contactAreaMm2() : layout.orElseThrow().contactAreaMm2();
        return new Lead(f.name(), f.contacts(), area, impedance, own, coupling, layout);
    }

    private static LeadLayout toLayout(LayoutForm f) {
        LeadShape shape = f.shape().equals("paddle") ? LeadShape.PADDLE : LeadShape.PERCUTANEOUS;
        return new LeadLayout(shape, f.columns() == null ? 1 : f.columns(), f.contactLengthMm(), f.contactWidthMm(),
                f.gapMm(), f.columnGapMm() == null ? 0 : f.columnGapMm(),
                f.tip() == null ? Optional.empty() : SpinalLevel.parse(f.tip()),
                f.tipOffsetMm() == null ? 0 : f.tipOffsetMm(), f.lateralMm() == null ? 0 : f.lateralMm());
    }

    private static LayoutForm toForm(LeadLayout l) {
        return new LayoutForm(l.shape() == LeadShape.PADDLE ? "paddle" : "percutaneous",
                l.columns() == 1 ? null : l.columns(), l.contactLengthMm(), l.contactWidthMm(), l.gapMm(),
                l.columnGapMm() == 0 ? null : l.columnGapMm(), l.tip().map(SpinalLevel::name).orElse(null),
                l.tipOffsetMm() == 0 ? null : l.tipOffsetMm(), l.lateralMm() == 0 ? null : l.lateralMm());
    }

    private static Program toProgram(ProgramForm f) {
        Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        f.electrodes().forEach((key, percent) -> electrodes.put(key.contact(), percent));
        Pattern pattern = switch (f.pattern()) {
            case PatternForm.Tonic t -> new Pattern.Tonic(f.rateHz());
            case PatternForm.HighFrequency h -> new Pattern.HighFrequency(f.rateHz());
            case PatternForm.Burst b -> new Pattern.Burst(b.pulsesPerBurst(), b.intraBurstRateHz(), b.burstRateHz());
        };
        Recharge recharge = switch (f.recharge()) {
            case RechargeForm.Active a -> new Recharge.Active(
                    a.interphaseGapUs() == null ? Recharge.DEFAULT_INTERPHASE_GAP_US : a.interphaseGapUs(),
                    a.ratio() == null ? 1 : a.ratio());
            case RechargeForm.Passive p -> new Recharge.Passive(
                    p.windowUs() == null ? OptionalInt.empty() : OptionalInt.of(p.windowUs()));
        };
        return new Program(f.name(), electrodes, f.amplitudeMa(), f.pulseWidthUs(), pattern, recharge,
                f.rampS() == null ? 0.0 : f.rampS(),
                Optional.ofNullable(f.cycle()).map(c -> new Cycle(c.onS(), c.offS())),
                Optional.ofNullable(f.patientRange()).map(r -> new PatientRange(r.minMa(), r.maxMa())));
    }

    private static DeviceLimits toLimits(LimitsForm form, String json) throws ProgramFileException {
        if (form == null) {
            return DeviceLimits.DEFAULTS;
        }
        RecordComponent[] components = DeviceLimits.class.getRecordComponents();
        List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (Map.Entry<String, Number> e : form.values().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw limitError(json, e.getKey(), false, "unknown limit '" + e.getKey() + "'; known limits: "
                        + String.join(", ", known));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                Number given = form.values().get(c.getName());
                Object fallback = c.getAccessor().invoke(DeviceLimits.DEFAULTS);
                if (given == null) {
                    args[i] = fallback;
                } else if (c.getType() == int.class) {
                    double whole = given.doubleValue();
                    if (whole != Math.rint(whole) || whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
                        throw limitError(json, c.getName(), true, "expected a whole number, found " + given);
                    }
                    args[i] = given.intValue();
                } else {
                    args[i] = given.doubleValue();
                }
            }
            return DeviceLimits.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DeviceLimits is a record with a canonical constructor", e);
        }
    }

    /** A problem with one limit, found after reading, reported where the file names it. */
    private static ProgramFileException limitError(String json, String name, boolean atValue, String problem) {
        JsonLocation at = PROBLEMS.locate(json, JsonPointer.empty().appendProperty("limits").appendProperty(name),
                atValue);
        return new ProgramFileException(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                "limits." + name, problem);
    }

    private static TherapyForm toForm(Therapy therapy) {
        List<LeadForm> leads = therapy.leads().stream().map(l -> new LeadForm(l.name(), l.contactCount(),
                l.contactAreaMm2(), l.impedanceOhm().isPresent() ? l.impedanceOhm().getAsDouble() : null,
                l.contactImpedanceOhm().isEmpty() ? null : l.contactImpedanceOhm(),
                l.couplingCapacitanceUf().isPresent() ? l.couplingCapacitanceUf().getAsDouble() : null,
                l.layout().map(ProgramCodec::toForm).orElse(null))).toList();
        List<ProgramForm> programs = therapy.programs().stream().map(ProgramCodec::toForm).toList();
        return new TherapyForm(leads, programs, null, null, limitsForm(therapy.limits()), null);
    }

    private static ProgramForm toForm(Program p) {
        LinkedHashMap<ContactKey, Integer> electrodes = new LinkedHashMap<>();
        p.electrodes().forEach((contact, percent) -> electrodes.put(new ContactKey(contact), percent));
        Integer rateHz = switch (p.pattern()) {
            case Pattern.Tonic t -> t.rateHz();
            case Pattern.HighFrequency h -> h.rateHz();
            case Pattern.Burst b -> null;
        };
        PatternForm pattern = switch (p.pattern()) {
            case Pattern.Tonic t -> new PatternForm.Tonic();
            case Pattern.HighFrequency h -> new PatternForm.HighFrequency();
            case Pattern.Burst b -> new PatternForm.Burst(b.pulsesPerBurst(), b.intraBurstRateHz(), b.burstRateHz());
        };
        RechargeForm recharge = switch (p.recharge()) {
            case Recharge.Active a -> new RechargeForm.Active(a.interphaseGapUs(), a.ratio() == 1 ? null : a.ratio());
            case Recharge.Passive ps -> new RechargeForm.Passive(
                    ps.windowUs().isPresent() ? ps.windowUs().getAsInt() : null);
        };
        return new ProgramForm(p.name(), electrodes, p.amplitudeMa(), p.pulseWidthUs(), rateHz, pattern, recharge,
                p.rampS() == 0.0 ? null : p.rampS(),
                p.cycle().map(c -> new CycleForm(c.onS(), c.offS())).orElse(null),
                p.patientRange().map(r -> new PatientRangeForm(r.minMa(), r.maxMa())).orElse(null));
    }

    private static LimitsForm limitsForm(DeviceLimits limits) {
        if (limits.equals(DeviceLimits.DEFAULTS)) {
            return null;
        }
        Map<String, Number> changed = new LinkedHashMap<>();
        try {
            for (RecordComponent c : DeviceLimits.class.getRecordComponents()) {
                Object value = c.getAccessor().invoke(limits);
                if (!value.equals(c.getAccessor().invoke(DeviceLimits.DEFAULTS))) {
                    changed.put(c.getName(), (Number) value);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DeviceLimits is a record", e);
        }
        return new LimitsForm(changed);
    }

    // ----------------------------------------------------------------------------------------------------
    // errors in words

    private static ProgramFileException translate(JsonProcessingException e, String json) {
        return new ProgramFileException(PROBLEMS.describe(e, json));
    }

    /** Why a key of {@code electrodes} is not a contact name, in ContactId's own words. */
    private static String contactProblem(Object name) {
        try {
            ContactId.parse(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "'" + name + "' is not a contact name";
    }
}
