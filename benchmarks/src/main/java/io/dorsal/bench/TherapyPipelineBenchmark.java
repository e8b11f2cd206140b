package io.dorsal.bench;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.Therapy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work off the real-time thread that a clinician waits for, on the largest therapy the device runs (four
 * programs on 32 contacts): validating it, compiling it into its pulse table, and rendering a one-second
 * preview of every contact (the programmer's redraw). Each must stay well under a frame (16 ms) so that an
 * edit feels immediate; they allocate by design (lists, records, the table, the canvas), so only time is
 * reported, in microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class TherapyPipelineBenchmark {

    /** Pixel columns of the preview: a window about a thousand pixels wide. */
    public int previewColumns = 1000;
    /** Where the preview window starts, from therapy start: 10 s in, past every soft start. */
    public long previewFromNs = 10_000_000_000L;
    /** The preview's length: one second. */
    public long previewWindowNs = 1_000_000_000L;

    private Therapy therapy;
    private ValidatedTherapy validated;
    private PulseTable table;

    @Setup(Level.Trial)
    public void setUp() {
        therapy = Scenarios.therapy(Scenarios.FOUR_PROGRAMS);
        validated = Scenarios.validated(Scenarios.FOUR_PROGRAMS);
        table = PulseTable.compile(validated);
    }

    /** Every safety rule, including the exact interleaving proof, on four programs and 32 contacts. */
    @Benchmark
    public Validation validate() {
        return new SafetyValidator().validate(therapy);
    }

    /** The validated therapy into flat primitive arrays, with the charge-balance proof. */
    @Benchmark
    public PulseTable compile() {
        return PulseTable.compile(validated);
    }

    /**
     * One second of all 32 contacts, through the real scheduler: seek to the window, emit every phase in it into
     * a canvas of per-contact, per-column minimum and maximum currents.
     */
    @Benchmark
    public PreviewCanvas previewOneSecond() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.seek(previewFromNs);
        PreviewCanvas canvas = new PreviewCanvas(table.contactCount(), previewColumns, previewFromNs, previewWindowNs);
        scheduler.poll(previewFromNs + previewWindowNs - 1, canvas, Integer.MAX_VALUE);
        return canvas;
    }
}
