package io.dorsal.bench;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.Therapy;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How the cost of validating, compiling and stepping grows with the work (issue 12, item 5): 1 to 4 programs,
 * 8 to 64 contacts (leads of 8, of 16 beyond 32: the device takes 4 leads), rates from 2 Hz to 10 kHz. Each program stimulates on its own lead, half its
 * contacts cathodes and half anodes, so that contacts scale the channels a phase drives; programs are tonic (10 kHz
 * high frequency) with active recharge. {@code benchmarks/scaling} runs it one dimension at a time (the others at
 * their middle values) and plots it; a combination the validator refuses (four programs cannot interleave at
 * 10 kHz) fails its setup and is left out. Times in microseconds for validate and compile, nanoseconds per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ScalingBenchmark {

    @Param({"1", "2", "4"})
    public int programs;

    /** Contacts in all (leads of 8, of 16 beyond 32); each program drives the contacts of its lead. */
    @Param({"8", "16", "32", "64"})
    public int contacts;

    @Param({"2", "50", "1000", "10000"})
    public int rateHz;

    private Therapy therapy;
    private ValidatedTherapy validated;
    private PulseScheduler scheduler;
    private EventConsumer consumer;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        therapy = Scenarios.therapy(json(programs, contacts, rateHz));
        validated = switch (new SafetyValidator().validate(therapy)) {
            case Validation.Safe safe -> safe.therapy();
            case Validation.Unsafe unsafe -> throw new IllegalStateException("not measured: " + programs
                    + " programs on " + contacts + " contacts at " + rateHz + " Hz is refused: "
                    + unsafe.violations().get(0).message());
        };
        scheduler = new PulseScheduler(PulseTable.compile(validated), 0);
        consumer = new EventConsumer(blackhole);
    }

    /** The therapy of the point: {@code programs} programs on {@code contacts} contacts in all. */
    static String json(int programs, int contacts, int rateHz) {
        // at most 4 leads (the device's limit): leads of 8 contacts up to 32, leads of 16 beyond
        int leadSize = contacts <= 32 ? 8 : 16;
        int leads = Math.max(1, contacts / leadSize);
        StringBuilder s = new StringBuilder("{\"leads\": [");
        for (int l = 0; l < leads; l++) {
            s.append(l == 0 ? "" : ", ").append("{\"name\": \"L").append(l + 1)
                    .append("\", \"contacts\": ").append(leadSize).append(", \"contactAreaMm2\": 6.0}");
        }
        s.append("], \"programs\": [");
        boolean hf = rateHz > 1_200;
        int widthUs = hf ? 30 : rateHz >= 500 ? 60 : 200;
        for (int p = 0; p < programs; p++) {
            String lead = "L" + (p % leads + 1);
            // the program's lead: its contacts half cathodes, half anodes, sharing the current equally
            int onLead = leads >= programs ? leadSize : Math.max(2, leadSize * leads / programs);
            int first = leads >= programs ? 0 : (p / leads) * onLead;
            int half = onLead / 2;
            int share = 100 / half;
            StringBuilder electrodes = new StringBuilder();
            for (int c = 0; c < onLead; c++) {
                int percent = c < half ? -share : share;
                if (c == half - 1) {
                    percent = -(100 - share * (half - 1));
                } else if (c == onLead - 1) {
                    percent = 100 - share * (half - 1);
                }
                electrodes.append(c == 0 ? "" : ", ").append('"').append(lead).append('.').append(first + c)
                        .append("\": ").append(percent);
            }
            s.append(p == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"name\": \"p%d\", \"electrodes\": {%s}, \"amplitudeMa\": 1.0, \"pulseWidthUs\": %d,"
                            + " \"rateHz\": %d, \"pattern\": {\"type\": \"%s\"},"
                            + " \"recharge\": {\"type\": \"active\", \"interphaseGapUs\": 20}}",
                    p + 1, electrodes, widthUs, rateHz, hf ? "highFrequency" : "tonic"));
        }
        return s.append("]}").toString();
    }

    /** Every safety rule, including the exact interleaving proof. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Validation validate() {
        return new SafetyValidator().validate(therapy);
    }

    /** The validated therapy into its pulse table (and hyperperiod sequence when it fits). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PulseTable compile() {
        return PulseTable.compile(validated);
    }

    /** One scheduler step: the next phase emitted. */
    @Benchmark
    public int step() {
        return scheduler.poll(Long.MAX_VALUE / 4, consumer, 1);
    }
}
