package io.dorsal.bench;

import io.dorsal.core.preview.PreviewPass;
import io.dorsal.core.preview.Waveform;
import io.dorsal.core.preview.WaveformSampler;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
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
 * programs on 32 contacts): validating it, compiling it into its pulse table, and the programmer's redraw of a
 * one-second preview of every contact, with core's preview API as the programmer calls it: one
 * {@code WaveformSampler.sample} (the real table and scheduler over the window), then one
 * {@code Waveform.envelope} per contact row for the canvas's pixel columns. The redraw is measured in its two
 * parts (sample; envelope of one row), without a loop over rows in the benchmark: a redraw costs
 * {@code sample + rows x envelope}. Each must stay well under a frame (16 ms) so that an edit feels immediate;
 * they allocate by design (lists, records, the table, the waveform), so only time is reported, in microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class TherapyPipelineBenchmark {

    /**
     * The redraw's bound in multiples of its floor, one sweep over a window's recorded segments: the stream does the
     * same envelope writes without recording the segments first, and since its writes decide nothing (cathodes and
     * anodes apart, one-column phases without a loop) it runs at 0.36 to 0.56 times that floor on a quiet machine and
     * up to 0.66 times with both cores busy. 1.2x fails a stream that costs more than sweeping recorded segments (one
     * that recorded them first would) and leaves a loaded machine its margin; it would not catch a return of the
     * per-channel sign test (0.6 to 0.8 quiet), which only a quiet machine tells apart (docs/performance.md).
     */
    static final double PREVIEW_BOUND = 1.2;
    /**
     * The redraw's allocation budget when the therapy changed: its table, scheduler and the stream's channel lists
     * (33,537 B/op for four programs on 32 contacts since the scheduler keeps its frame packed too) and a fifth more;
     * the window's segments (627 KB) no longer.
     */
    static final double PREVIEW_BYTES = 40_000;

    /**
     * What JMH's allocation counter reads for an operation of a couple of hundred microseconds that allocates nothing
     * (its own bookkeeping spread over few operations: 2.6 B/op at load 6 to 12); an allocation of the sweep itself
     * would be an array of rows or columns, kilobytes.
     */
    static final double FLOOR_NOISE_BYTES = 16;

    /** Pixel columns of the preview: a window about a thousand pixels wide. */
    public int previewColumns = 1000;
    /** Where the preview window starts, from therapy start: 10 s in, past every soft start. */
    public long previewFromNs = 10_000_000_000L;
    /** The preview's length: one second. */
    public long previewWindowNs = 1_000_000_000L;
    /** The contact row whose envelope is drawn (an envelope scans every segment of the window: any row costs alike). */
    public int previewRow = 0;

    private Therapy therapy;
    private ValidatedTherapy validated;
    private Waveform waveform;
    private Waveform.Envelopes envelopes;
    private PreviewPass pass;

    @Setup(Level.Trial)
    public void setUp() {
        therapy = Scenarios.therapy(Scenarios.FOUR_PROGRAMS);
        validated = Scenarios.validated(Scenarios.FOUR_PROGRAMS);
        waveform = WaveformSampler.sample(validated, previewFromNs, previewWindowNs);
        if (waveform.truncated() || waveform.contacts().size() != 32) {
            throw new IllegalStateException("the preview of four32 should hold all 32 contacts, untruncated");
        }
        envelopes = new Waveform.Envelopes(32, previewColumns);
        pass = new PreviewPass(validated);
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

    /** The preview's first part: one second of all 32 contacts sampled through the real table and scheduler. */
    @Benchmark
    public Waveform previewSample() {
        return WaveformSampler.sample(validated, previewFromNs, previewWindowNs);
    }

    /**
     * The whole redraw as the programmer does it when the therapy changes (a slider moves), one operation: the
     * therapy compiled into its table and scheduler, then one second of all 32 contacts streamed from the scheduler
     * straight into every row's envelope (no segments in between), into the view's reused arrays. Issue 12's goal:
     * under 100 us. It allocates the table (kilobytes), not the window's segments.
     */
    @Benchmark
    @HotPath(floor = "previewEnvelopesAllRows", maxRatioToFloor = PREVIEW_BOUND, maxBytesPerOp = PREVIEW_BYTES)
    public Waveform.Envelopes previewRedraw() {
        new PreviewPass(validated).envelopesInto(previewFromNs, previewWindowNs, envelopes);
        return envelopes;
    }

    /** The redraw of an unchanged therapy (the window scrolled or resized): the stream alone, allocating nothing. */
    @Benchmark
    @HotPath(floor = "previewEnvelopesAllRows", maxRatioToFloor = PREVIEW_BOUND, maxBytesPerOp = FLOOR_NOISE_BYTES)
    public Waveform.Envelopes previewRedrawSameTherapy() {
        pass.envelopesInto(previewFromNs, previewWindowNs, envelopes);
        return envelopes;
    }

    /** The redraw as it was before the stream: the window sampled into segments, then one sweep over them. */
    @Benchmark
    public Waveform.Envelopes previewRedrawSampled() {
        WaveformSampler.sample(validated, previewFromNs, previewWindowNs).envelopesInto(envelopes);
        return envelopes;
    }

    /** The redraw's second part alone: every row's envelope in one sweep (the old redraw paid 32 per-row scans). */
    @Benchmark
    @HotPath(maxBytesPerOp = FLOOR_NOISE_BYTES)
    public Waveform.Envelopes previewEnvelopesAllRows() {
        waveform.envelopesInto(envelopes);
        return envelopes;
    }

    /** The preview's second part as it was, per contact row: the row reduced to the canvas's columns (min and max). */
    @Benchmark
    public Waveform.Envelope previewEnvelopeOneRow() {
        return waveform.envelope(previewRow, previewColumns);
    }
}
