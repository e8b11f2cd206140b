package io.dorsal.rig.audit;

import io.dorsal.rig.output.LineTrace;
import java.util.ArrayList;
import java.util.List;

/** The rows of a trace still in memory, exactly as its CSV would hold them, for a run that audits itself. */
public final class TraceRows {

    private TraceRows() {
    }

    /** The kept changes of {@code trace} as rows, in the order they happened. */
    public static List<TraceRow> of(LineTrace trace) {
        List<TraceRow> rows = new ArrayList<>(Math.min(trace.recorded(), Integer.MAX_VALUE - 8));
        trace.forEachKept((tUs, lineName, value) -> rows.add(new TraceRow(tUs, lineName, value)));
        return rows;
    }
}
