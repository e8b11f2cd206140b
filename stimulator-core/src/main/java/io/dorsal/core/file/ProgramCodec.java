package io.dorsal.core.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dorsal.core.file.FileForm.ContactKey;
import io.dorsal.core.file.FileForm.CycleForm;
import io.dorsal.core.file.FileForm.LeadForm;
import io.dorsal.core.file.FileForm.LimitsForm;
import io.dorsal.core.file.FileForm.PatientRangeForm;
import io.dorsal.core.file.FileForm.PatternForm;
import io.dorsal.core.file.FileForm.ProgramForm;
import io.dorsal.core.file.FileForm.RechargeForm;
import io.dorsal.core.file.FileForm.TherapyForm;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final ObjectMapper MAPPER = JsonMapper.builder()
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

    private ProgramCodec() {
    }

    /** Reads a program file. */
    public static Therapy read(Path file) throws ProgramFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProgramFileException(0, 0, "", "cannot read the file: " + describeIo(e));
        }
        return read(text);
    }

    /** Reads a program file's text. */
    public static Therapy read(String json) throws ProgramFileException {
        TherapyForm form;
        try {
            form = MAPPER.readValue(json, TherapyForm.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
        if (form == null) {
            throw new ProgramFileException(1, 1, "", "the file is empty or null; expected an object with leads and programs");
        }
        return toTherapy(form);
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

    // ----------------------------------------------------------------------------------------------------

    private static Therapy toTherapy(TherapyForm form) throws ProgramFileException {
        List<Lead> leads = form.leads().stream().map(ProgramCodec::toLead).toList();
        List<Program> programs = form.programs().stream().map(ProgramCodec::toProgram).toList();
        return new Therapy(leads, programs, toLimits(form.limits()));
    }

    private static Lead toLead(LeadForm f) {
        Map<Integer, Double> own = f.contactImpedanceOhm() == null ? Map.of() : f.contactImpedanceOhm();
        OptionalDouble impedance = f.impedanceOhm() == null ? OptionalDouble.empty() : OptionalDouble.of(f.impedanceOhm());
        return new Lead(f.name(), f.contacts(), f.contactAreaMm2(), impedance, own);
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

    private static DeviceLimits toLimits(LimitsForm form) throws ProgramFileException {
        if (form == null) {
            return DeviceLimits.DEFAULTS;
        }
        RecordComponent[] components = DeviceLimits.class.getRecordComponents();
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
                    if (given.doubleValue() != Math.rint(given.doubleValue())) {
                        throw new ProgramFileException(0, 0, "limits." + c.getName(), "expected a whole number, found "
                                + given);
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

    private static TherapyForm toForm(Therapy therapy) {
        List<LeadForm> leads = therapy.leads().stream().map(l -> new LeadForm(l.name(), l.contactCount(),
                l.contactAreaMm2(), l.impedanceOhm().isPresent() ? l.impedanceOhm().getAsDouble() : null,
                l.contactImpedanceOhm().isEmpty() ? null : l.contactImpedanceOhm())).toList();
        List<ProgramForm> programs = therapy.programs().stream().map(ProgramCodec::toForm).toList();
        return new TherapyForm(leads, programs, limitsForm(therapy.limits()));
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

    private static ProgramFileException translate(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        return new ProgramFileException(line, column, path, problem(e));
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'; expected one of "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        }
        if (e instanceof InvalidTypeIdException t) {
            String id = t.getTypeId();
            return id == null ? "missing 'type'" : "unknown type '" + id + "'; expected " + knownTypes(t);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            return cause != null && cause.getMessage() != null ? cause.getMessage() : firstLine(v.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException f) {
            if (f.getTargetType() == ContactKey.class && f.getCause() != null) {
                return f.getCause().getMessage();
            }
            return "expected " + expected(f.getTargetType()) + ", found " + show(f.getValue());
        }
        if (e instanceof MismatchedInputException m) {
            String message = firstLine(m.getOriginalMessage());
            if (message.startsWith("Missing required creator property")) {
                int start = message.indexOf('\'');
                int end = message.indexOf('\'', start + 1);
                return "missing required field '" + message.substring(start + 1, end) + "'";
            }
            if (message.contains("missing type id")) {
                return "missing 'type'";
            }
            if (message.contains("Trailing token")) {
                return "unexpected text after the end of the document";
            }
            if (message.contains("No content to map")) {
                return "the file is empty; expected an object with leads and programs";
            }
            return "expected " + expected(m.getTargetType()) + "; " + shorten(message);
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        return "not valid JSON: " + shorten(firstLine(e.getOriginalMessage()));
    }

    private static String knownTypes(InvalidTypeIdException t) {
        Class<?> base = t.getBaseType() == null ? Object.class : t.getBaseType().getRawClass();
        if (base == PatternForm.class) {
            return "tonic, highFrequency or burst";
        }
        if (base == RechargeForm.class) {
            return "active or passive";
        }
        return "a known type";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the program form";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        return "an object {...}";
    }

    private static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String shorten(String message) {
        String cleaned = message.replaceAll("\\(for [^)]*\\)", "").replaceAll("`[a-z.]+\\.FileForm\\$(\\w+)`", "$1")
                .replaceAll("io\\.dorsal\\.core\\.file\\.FileForm\\$", "").trim();
        return cleaned.length() > 160 ? cleaned.substring(0, 160) + "..." : cleaned;
    }

    private static String describeIo(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

}
