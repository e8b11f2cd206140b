package io.dorsal.core.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A strict JSON reader's errors in words, the same for every file form Dorsal reads (the program file, the
 * prescription file): Jackson's exception becomes one {@link JsonProblem} with its line, column, path and what was
 * expected and found; an explicit {@code null} and a document beyond its {@link InputBounds} are found before
 * binding. Each form gives its own words: what the document is and any value of its own kind; the type names a
 * {@code type} takes are read from the form's {@code @JsonSubTypes}.
 * Thread safe.
 */
public final class JsonProblems {

    private final ObjectMapper mapper;
    private final InputBounds bounds;
    private final String document;
    private final Function<InvalidFormatException, Optional<String>> ownValues;

    /**
     * @param mapper     the form's mapper, to read the text again for a location
     * @param bounds     the form's bounds
     * @param document   what the document is, after "expected": {@code an object with leads and programs}
     * @param ownValues  the problem with a value of the form's own kind (a contact name), or empty for the usual words
     */
    public JsonProblems(ObjectMapper mapper, InputBounds bounds, String document,
            Function<InvalidFormatException, Optional<String>> ownValues) {
        this.mapper = mapper;
        this.bounds = bounds;
        this.document = document;
        this.ownValues = ownValues;
    }

    /** The first place the document goes beyond the bounds, read before anything is bound. */
    public Optional<JsonProblem> beyondBounds(String json) {
        return bounds.exceeded(json).map(e -> new JsonProblem(e.line(), e.column(), e.path(), e.problem()));
    }

    /**
     * The first explicit {@code null}, even for a field that may be left out: a binding reads such a null as
     * "absent", which Dorsal's file forms do not allow. Text that is not JSON has none (the binding says why).
     */
    public Optional<JsonProblem> firstNull(String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NULL) {
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of(new JsonProblem(at.getLineNr(), at.getColumnNr(),
                            InputBounds.path(parser.getParsingContext()),
                            "null is not allowed; leave the field out or give it a value"));
                }
            }
        } catch (IOException e) {
            // not JSON: the binding says where and why
        }
        return Optional.empty();
    }

    /**
     * Where the text names the field at {@code pointer} ({@code atValue}: where its value starts), or null when the
     * text does not get that far.
     */
    public JsonLocation locate(String json, JsonPointer pointer, boolean atValue) {
        try (JsonParser parser = mapper.createParser(json)) {
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

    /** A problem with the value at {@code pointer}, found after reading, reported where the value starts. */
    public JsonProblem at(String json, JsonPointer pointer, String path, String problem) {
        JsonLocation at = locate(json, pointer, true);
        return new JsonProblem(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, problem);
    }

    /** Jackson's reading error in words. */
    public JsonProblem describe(JsonProcessingException e, String json) {
        JsonLocation at = e.getLocation();
        Optional<String> bound = bounds.problemOf(e);
        if (bound.isPresent()) {
            return new JsonProblem(at == null ? 0 : at.getLineNr(), at == null ? 0 : Math.max(1, at.getColumnNr()),
                    "", bound.get());
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
        return new JsonProblem(line, column, path, problem(e, json, line, column));
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

    private String problem(JsonProcessingException e, String json, int line, int column) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'; expected one of "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        }
        if (e instanceof InvalidTypeIdException t) {
            String id = t.getTypeId();
            Class<?> base = t.getBaseType() == null ? Object.class : t.getBaseType().getRawClass();
            return id == null ? "missing 'type'" : "unknown type '" + id + "'; expected " + knownTypes(base);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            return cause != null && cause.getMessage() != null ? cause.getMessage() : firstLine(v.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException f) {
            Optional<String> own = ownValues.apply(f);
            if (own.isPresent()) {
                return own.get();
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
                return "the file is empty; expected " + document;
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

    /** The type names a polymorphic base takes, from its {@code @JsonSubTypes}: {@code tonic, highFrequency or burst}. */
    private static String knownTypes(Class<?> base) {
        JsonSubTypes types = base.getAnnotation(JsonSubTypes.class);
        if (types == null || types.value().length == 0) {
            return "a known type";
        }
        List<String> names = Arrays.stream(types.value()).map(JsonSubTypes.Type::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the form";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
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

    /** A Jackson path as Dorsal's messages write it, such as {@code programs[0].rampS}. */
    public static String path(List<JsonMappingException.Reference> references) {
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

    /** Jackson's words without its class names and source references, at most 160 characters. */
    private static String shorten(String message) {
        String cleaned = message.replaceAll("\\(for [^)]*\\)", "")
                .replaceAll("`[a-z.]+\\.[A-Z]\\w*\\$(\\w+)`", "$1")
                .replaceAll("io\\.dorsal\\.[a-z.]+\\.[A-Z]\\w*\\$", "").trim();
        return cleaned.length() > 160 ? cleaned.substring(0, 160) + "..." : cleaned;
    }

    /** An I/O error reading a file, in words: {@code no such file (programs/a.json)}. */
    public static String describeIo(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
