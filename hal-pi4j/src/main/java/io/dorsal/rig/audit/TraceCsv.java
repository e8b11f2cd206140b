package io.dorsal.rig.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a rig trace ({@code t_us,line,value} with that header), refusing a malformed row with its line number. */
public final class TraceCsv {

    /** The header every trace starts with. */
    public static final String HEADER = "t_us,line,value";

    private TraceCsv() {
    }

    /** The trace's rows in file order. */
    public static List<TraceRow> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in.lines().toList());
        }
    }

    /** Parses the lines of a trace, header first; throws IllegalArgumentException naming the first bad line. */
    public static List<TraceRow> parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException("line 1: a rig trace starts with the header '" + HEADER + "'");
        }
        List<TraceRow> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] cells = text.split(",", -1);
            if (cells.length != 3 || cells[1].isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected t_us,line,value, was '" + text + "'");
            }
            try {
                rows.add(new TraceRow(Long.parseLong(cells[0].strip()), cells[1].strip(),
                        Integer.parseInt(cells[2].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected t_us,line,value with whole numbers,"
                        + " was '" + text + "'");
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).tUs() < rows.get(i - 1).tUs()) {
                throw new IllegalArgumentException("line " + (i + 2) + ": t_us " + rows.get(i).tUs()
                        + " goes back in time (the line before is at " + rows.get(i - 1).tUs() + ")");
            }
        }
        return rows;
    }
}
