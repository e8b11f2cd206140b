package io.dorsal.core.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
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
import io.dorsal.core.file.FileForm.ProgramSetForm;
import io.dorsal.core.file.FileForm.RechargeForm;
import io.dorsal.core.file.FileForm.TherapyForm;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
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
import java.util.ArrayList;
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
            throw new ProgramFileException(0, 0, "", "cannot read the file: " + describeIo(e));
        }
        return readSets(text);
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

    /**
     * Refuses an explicit {@code null} anywhere, even for a field that may be left out: the binding reads such a
     * null as "absent", which the file format does not allow (docs/program-format.md).
     */
    private static void refuseNulls(String json) throws ProgramFileException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NULL) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw new ProgramFileException(at.getLineNr(), at.getColumnNr(), path(parser.getParsingContext()),
                            "null is not allowed; leave the field out or give it a value");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the text has been read whole once already", e);
        }
    }

    /** Refuses, before anything is bound, a document beyond the reader's bounds ({@link InputBounds#FILE}). */
    private static void checkBounds(String json) throws ProgramFileException {
        Optional<InputBounds.Exceeded> exceeded = BOUNDS.exceeded(json);
        if (exceeded.isPresent()) {
            InputBounds.Exceeded e = exceeded.get();
            throw new ProgramFileException(e.line(), e.column(), e.path(), e.problem());
        }
    }

    /** The path of the parser's position, such as {@code programs[0].rampS}. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
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
                    plain.limits())) + System.lineSeparator();
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
        return new Lead(f.name(), f.contacts(), f.contactAreaMm2(), impedance, own, coupling);
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
        JsonLocation at = locate(json, JsonPointer.empty().appendProperty("limits").appendProperty(name), atValue);
        return new ProgramFileException(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                "limits." + name, problem);
    }

    private static TherapyForm toForm(Therapy therapy) {
        List<LeadForm> leads = therapy.leads().stream().map(l -> new LeadForm(l.name(), l.contactCount(),
                l.contactAreaMm2(), l.impedanceOhm().isPresent() ? l.impedanceOhm().getAsDouble() : null,
                l.contactImpedanceOhm().isEmpty() ? null : l.contactImpedanceOhm(),
                l.couplingCapacitanceUf().isPresent() ? l.couplingCapacitanceUf().getAsDouble() : null)).toList();
        List<ProgramForm> programs = therapy.programs().stream().map(ProgramCodec::toForm).toList();
        return new TherapyForm(leads, programs, null, null, limitsForm(therapy.limits()));
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
        JsonLocation at = e.getLocation();
        Optional<String> bound = BOUNDS.problemOf(e);
        if (bound.isPresent()) {
            return new ProgramFileException(at == null ? 0 : at.getLineNr(), at == null ? 0 : Math.max(1,
                    at.getColumnNr()), "", bound.get());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            // records are read through their constructors, so Jackson reports an unknown field when the object
            // closes; point at the field itself
            JsonLocation field = locate(json, pointer(u.getPath()), false);
            at = field == null ? at : field;
        }
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        if (line > 0 && column < 1) {
            column = 1;
        }
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        return new ProgramFileException(line, column, path, problem(e, json, line, column));
    }

    /** The pointer of a Jackson path, such as {@code /programs/0/rampz}. */
    private static JsonPointer pointer(List<JsonMappingException.Reference> references) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : references) {
            pointer = ref.getIndex() >= 0 ? pointer.appendIndex(ref.getIndex())
                    : pointer.appendProperty(ref.getFieldName());
        }
        return pointer;
    }

    /**
     * Where the text names the field at {@code pointer} ({@code atValue}: where its value starts), or null when
     * the text does not get that far.
     */
    private static JsonLocation locate(String json, JsonPointer pointer, boolean atValue) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.getParsingContext().pathAsPointer().equals(pointer)) {
                    if (atValue) {
                        parser.nextToken();
                    }
                    return parser.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            // the text breaks off before the field: the caller keeps the reader's own location
        }
        return null;
    }

    private static String problem(JsonProcessingException e, String json, int line, int column) {
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
            if (f.getTargetType() == ContactKey.class) {
                return contactProblem(f.getValue());
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
            String found = tokenAt(json, line, column);
            return "expected " + expected(m.getTargetType())
                    + (found != null ? ", found " + found : "; " + shorten(message));
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

    /** Why a key of {@code electrodes} is not a contact name, in ContactId's own words. */
    private static String contactProblem(Object name) {
        try {
            ContactId.parse(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "'" + name + "' is not a contact name";
    }

    /**
     * The JSON value that starts at a line and column of the text, as a message shows it: a string with its
     * quotes, a number or literal as written, or the kind of an object or list; null when none starts there.
     */
    private static String tokenAt(String json, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int cr = json.indexOf('\r', offset);
            int lf = json.indexOf('\n', offset);
            int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
            if (end < 0) {
                return null;
            }
            offset = end + (json.startsWith("\r\n", end) ? 2 : 1);
        }
        offset += column - 1;
        if (line < 1 || column < 1 || offset >= json.length()) {
            return null;
        }
        char first = json.charAt(offset);
        if (first == '{') {
            return "an object {...}";
        }
        if (first == '[') {
            return "a list [...]";
        }
        int end = offset + 1;
        if (first == '"') {
            while (end < json.length() && json.charAt(end) != '"') {
                end += json.charAt(end) == '\\' ? 2 : 1;
            }
            end = Math.min(end + 1, json.length());
        } else {
            while (end < json.length() && ",]} \t\r\n".indexOf(json.charAt(end)) < 0) {
                end++;
            }
        }
        String token = json.substring(offset, end);
        return token.length() > 40 ? token.substring(0, 40) + "..." : token;
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
