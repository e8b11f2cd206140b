package io.dorsal.core.simulation;

import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * An output stage that writes each phase as CSV rows, one per contact:
 * {@code start_us,duration_us,program,phase,contact,current_ua}. Times from the therapy's start; currents
 * signed (negative cathodic), up to three decimals. Not thread safe.
 */
public final class PhaseCsvWriter implements OutputStage {

    /** The CSV header line. */
    public static final String HEADER = "start_us,duration_us,program,phase,contact,current_ua";

    private static final long NS_PER_US = 1_000L;

    private final Writer out;
    private final long originNs;
    private long rows;

    /** Writes the header at once; times are written relative to {@code originNs}. */
    public PhaseCsvWriter(Writer out, long originNs) {
        this.out = out;
        this.originNs = originNs;
        write(HEADER + "\n");
    }

    @Override
    public void arm(PulseTable table) {
        // nothing to prepare: the CSV shows every phase as it comes
    }

    @Override
    public void onPhase(PhaseEvent event) {
        String start = Long.toString((event.startNs() - originNs) / NS_PER_US);
        String duration = Long.toString(event.durationNs() / NS_PER_US);
        String program = event.table().programName(event.program());
        String phase = event.kind().label();
        for (int c = 0; c < event.channelCount(); c++) {
            write(start + ',' + duration + ',' + program + ',' + phase + ','
                    + event.table().contact(event.contact(c)) + ',' + Figures.format(event.currentUa(c), 3) + '\n');
            rows++;
        }
    }

    @Override
    public void safe() {
        // a file has no outputs to drive
    }

    /** Rows written after the header. */
    public long rows() {
        return rows;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
