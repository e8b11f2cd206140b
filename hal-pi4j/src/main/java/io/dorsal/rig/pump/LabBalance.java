package io.dorsal.rig.pump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A laboratory balance printing its reading continuously on a serial line. Each line holds a signed number and its
 * unit, as the common formats print it ({@code +    12.3456 g}, {@code ST,+00012.3456  g}, {@code N     +12.3456 g},
 * {@code 12345.6 mg}); a line the balance marks unstable ({@code US,}, {@code ?}) or without a weight is not used.
 * Not thread safe: the pump run's thread reads it between ticks.
 */
public final class LabBalance implements AutoCloseable {

    private static final Pattern WEIGHT = Pattern.compile("([+-]?)\\s*(\\d+(?:\\.\\d+)?)\\s*(mg|g)\\b");
    private static final int MAX_LINE = 128;

    private final BalanceLine serial;
    private final byte[] buffer = new byte[256];
    private final StringBuilder line = new StringBuilder();
    private double latestGrams = Double.NaN;
    private long unreadable;

    public LabBalance(BalanceLine serial) {
        this.serial = serial;
    }

    /**
     * Reads what the balance sent since the last call and returns its newest stable reading in grams, if it ever sent
     * one.
     */
    public OptionalDouble grams() throws IOException {
        for (int n = serial.read(buffer); n > 0; n = serial.read(buffer)) {
            for (char c : new String(buffer, 0, n, StandardCharsets.US_ASCII).toCharArray()) {
                if (c == '\n' || c == '\r') {
                    take(line.toString());
                    line.setLength(0);
                } else if (line.length() < MAX_LINE) {
                    line.append(c);
                }
            }
        }
        return Double.isNaN(latestGrams) ? OptionalDouble.empty() : OptionalDouble.of(latestGrams);
    }

    /** Lines that held no stable weight. */
    public long unreadableLines() {
        return unreadable;
    }

    private void take(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        OptionalDouble g = parseGrams(trimmed);
        if (g.isPresent()) {
            latestGrams = g.getAsDouble();
        } else {
            unreadable++;
        }
    }

    /** A balance line's weight in grams; empty for a line marked unstable or without a weight. */
    static OptionalDouble parseGrams(String text) {
        if (text.startsWith("US") || text.contains("?")) {
            return OptionalDouble.empty();
        }
        Matcher m = WEIGHT.matcher(text);
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
        return OptionalDouble.of(m.group(3).equals("mg") ? value / 1_000.0 : value);
    }

    @Override
    public void close() {
        serial.close();
    }
}
