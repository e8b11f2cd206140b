package io.dorsal.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much of an outside JSON document Dorsal reads (docs/program-format.md, "Bounds"): a file's size, how deep it
 * nests, how long a string, a number or a field name may be, and how many entries a list or an object may hold.
 * Every reader of files and link messages holds to these, so that no input can exhaust memory or time before its
 * content is judged. Thread safe.
 *
 * @param maxBytes     the whole document, in bytes (UTF-8) or characters
 * @param maxDepth     objects and lists nested in each other
 * @param maxString    characters in one string value
 * @param maxNumber    characters in one number
 * @param maxName      characters in one field name
 * @param maxEntries   entries in one list or object
 */
public record InputBounds(int maxBytes, int maxDepth, int maxString, int maxNumber, int maxName, int maxEntries) {

    private static final Map<InputBounds, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    /** Program files and pin maps: 256 KiB, 16 levels, strings of 1,024 characters, 256 entries per list. */
    public static final InputBounds FILE = new InputBounds(256 * 1024, 16, 1024, 64, 256, 256);

    /**
     * Link messages: a frame's 64 KiB, 16 levels, strings of 64 KiB (a program file travels as one string, and is
     * then read as a file), 4,096 entries per list (the event log).
     */
    public static final InputBounds MESSAGE = new InputBounds(64 * 1024, 16, 64 * 1024, 64, 256, 4096);

    /**
     * Where a document goes beyond these bounds, and how.
     *
     * @param line    from 1
     * @param column  from 1
     * @param path    such as {@code programs[0].electrodes}; empty for the whole document
     * @param problem such as {@code a list of more than 256 entries; limit 256 entries}
     */
    public record Exceeded(int line, int column, String path, String problem) {

        /** {@code line 3, column 7: programs[0].name: a string longer than ...}. */
        public String describe() {
            return (line > 0 ? "line " + line + ", column " + column + ": " : "") + (path.isEmpty() ? "" : path + ": ")
                    + problem;
        }
    }

    /**
     * Reads the document's tokens, and nothing more, to find where it first goes beyond these bounds: before a
     * binding works through it. Text that is not JSON is not judged here (the binding says where and why).
     */
    public Optional<Exceeded> exceeded(String json) {
        if (json.length() > maxBytes) {
            return Optional.of(new Exceeded(0, 0, "", sizeProblem()));
        }
        int[] entries = new int[maxDepth + 2];
        JsonParser parser;
        try {
            parser = FACTORIES.computeIfAbsent(this, InputBounds::jsonFactory).createParser(json);
        } catch (IOException e) {
            throw new IllegalStateException("a string is read without I/O", e);
        }
        try (parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                if (token == JsonToken.VALUE_STRING) {
                    parser.getText(); // a string's length is checked when it is read, not when it is skipped
                }
                if (token.isNumeric() && parser.getTextLength() > maxNumber) {
                    // a number's length is checked only when its value is taken
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of(new Exceeded(at.getLineNr(), at.getColumnNr(), path(parser.getParsingContext()),
                            numberProblem()));
                }
                boolean opens = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
                JsonStreamContext container = opens ? parser.getParsingContext().getParent()
                        : parser.getParsingContext();
                boolean entry = container.inArray() ? token != JsonToken.FIELD_NAME : token == JsonToken.FIELD_NAME;
                if (entry && ++entries[container.getNestingDepth()] > maxEntries) {
                    JsonLocation at = parser.currentTokenLocation();
                    return Optional.of(new Exceeded(at.getLineNr(), at.getColumnNr(), path(container),
                            entriesProblem(container.inArray())));
                }
                if (opens) {
                    entries[parser.getParsingContext().getNestingDepth()] = 0;
                }
            }
        } catch (IOException e) {
            Optional<String> bound = problemOf(e);
            if (bound.isPresent()) {
                JsonLocation at = parser.currentLocation();
                return Optional.of(new Exceeded(at.getLineNr(), Math.max(1, at.getColumnNr()),
                        path(parser.getParsingContext()), bound.get()));
            }
            // not JSON: left to the binding
        }
        return Optional.empty();
    }

    /** The path of a parser's position, such as {@code programs[0].rampS}. */
    public static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** The JSON constraints of these bounds for a Jackson factory (the entry count is checked by the reader). */
    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxDocumentLength(maxBytes)
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxString)
                .maxNumberLength(maxNumber)
                .maxNameLength(maxName)
                .build();
    }

    /** A Jackson factory held to these bounds. */
    public JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(constraints()).build();
    }

    /**
     * Reads a text file of at most {@link #maxBytes} bytes of UTF-8, never more: a larger file, a device or a pipe
     * that does not end is refused after {@code maxBytes + 1} bytes.
     *
     * @throws TooLarge when the file holds more; {@link IOException} when it cannot be read or is not UTF-8
     */
    public String readFile(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new TooLarge(sizeProblem());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text", e);
        }
    }

    /** The problem with a document longer than {@link #maxBytes}. */
    public String sizeProblem() {
        return String.format(Locale.ROOT, "larger than %,d bytes; limit %,d bytes", maxBytes, maxBytes);
    }

    /** A bound Jackson enforced, in words, or empty for any other reading error. */
    public Optional<String> problemOf(Throwable e) {
        Throwable bound = e;
        while (bound != null && !(bound instanceof StreamConstraintsException)) {
            bound = bound.getCause();
        }
        if (bound == null) {
            return Optional.empty();
        }
        String m = String.valueOf(bound.getMessage());
        if (m.contains("nesting depth")) {
            return Optional.of(String.format(Locale.ROOT, "nested more than %d levels deep; limit %d levels",
                    maxDepth, maxDepth));
        }
        if (m.contains("String value length")) {
            return Optional.of(String.format(Locale.ROOT, "a string longer than %,d characters; limit %,d characters",
                    maxString, maxString));
        }
        if (m.contains("Number value length")) {
            return Optional.of(numberProblem());
        }
        if (m.contains("Name length")) {
            return Optional.of(String.format(Locale.ROOT, "a field name longer than %d characters; limit %d characters",
                    maxName, maxName));
        }
        if (m.contains("Document length")) {
            return Optional.of(sizeProblem());
        }
        return Optional.of("beyond the reader's bounds: " + m.lines().findFirst().orElse(m));
    }

    private String numberProblem() {
        return String.format(Locale.ROOT, "a number longer than %d characters; limit %d characters", maxNumber,
                maxNumber);
    }

    /** The problem with a list or an object of more than {@link #maxEntries} entries. */
    public String entriesProblem(boolean list) {
        return String.format(Locale.ROOT, "%s of more than %d entries; limit %d entries", list ? "a list" : "an object",
                maxEntries, maxEntries);
    }

    /** A file larger than the bound. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
