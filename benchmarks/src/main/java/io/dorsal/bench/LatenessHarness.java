package io.dorsal.bench;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.SystemClock;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.LateActionLog;
import io.dorsal.rig.runtime.ParkThenSpinIdleStrategy;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunReport;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.ThreadPlacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Not a JMH benchmark: runs the rig's {@code RealtimeRunner} in real time (the JVM's monotonic clock, the
 * park-then-spin idle strategy, a dedicated thread, exactly as {@code stimctl rig run --mock} does) on Pi4J's mock
 * platform, one scenario after another in the same JVM: a bare baseline, then the tonic, burst and 10 kHz examples.
 * Prints each one's percentiles of pin-action lateness (actual minus scheduled time, from the runner's HdrHistogram)
 * and each percentile as a multiple of the baseline's, against the goals of docs/performance.md.
 *
 * <p>The baseline is the same thread set-up (platform thread, highest priority) spinning on the same clock with
 * nothing to do: deadlines every 100 us, each one's lateness the first clock read at or past it. It is what this
 * machine, at this moment, lets any spinning thread do; the runner's figures over it are what the runner adds.
 *
 * <p>The fault bound and the overrun bound are raised to one second so that a hiccup of a shared machine is measured
 * instead of ending the run. The load average is printed with the figures: on a loaded machine they measure the load.
 *
 * <p>{@code --rt-fifo P} and {@code --rt-cpu C} put the real-time thread (the baseline's and the runner's) on
 * SCHED_FIFO priority P and CPU C, as a rig's launcher does; start the JVM on the other CPUs ({@code taskset -c 0})
 * to keep its other threads off C, as {@code isolcpus} does on a Pi ({@link ThreadPlacement}).
 *
 * <pre>java -cp benchmarks.jar io.dorsal.bench.LatenessHarness [--seconds N] [--json FILE] [--rt-fifo P] [--rt-cpu C]</pre>
 */
public final class LatenessHarness {

    /** Goal on an idle machine: p99 at most this, in us, for every example. */
    static final double GOAL_P99_US = 20;
    /** Goal on an idle machine: p99.9 at most this, in us, for every example. */
    static final double GOAL_P999_US = 100;
    /** Goal: every example's p99 within this multiple of the baseline's. */
    static final double GOAL_P99_OVER_BASELINE = 1.5;
    /** The baseline's deadlines come this often. */
    static final long BASELINE_PERIOD_NS = 100_000L;
    private static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;

    private LatenessHarness() {
    }

    /** One scenario's figures, in us. */
    record Figures(String scenario, long actions, long misses, double p50Us, double p99Us, double p999Us,
                   double maxUs, long skippedPulses, String ended, LateActionLog late, String idle) {
    }

    /** Late actions kept per scenario for the diagnosis (20 bytes each). */
    static final int LATE_LOG_CAPACITY = 500_000;
    /** The worst late actions listed per scenario. */
    static final int WORST_LISTED = 5;

    public static void main(String[] args) throws IOException, InterruptedException {
        long seconds = 10;
        Path json = null;
        int fifo = 0;
        int cpu = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(value(args, ++i));
                case "--json" -> json = Path.of(value(args, ++i));
                case "--rt-fifo" -> fifo = Integer.parseInt(value(args, ++i));
                case "--rt-cpu" -> cpu = Integer.parseInt(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 3_600) {
            usage("--seconds is 1 to 3600, was " + seconds);
        }
        if (fifo < 0 || fifo > 99 || cpu < -1) {
            usage("--rt-fifo is 1 to 99 and --rt-cpu 0 or more");
        }
        ThreadPlacement placement = new ThreadPlacement(fifo, cpu);
        String load = loadAverage();
        System.out.printf(Locale.ROOT, "lateness on the mock rig, %d s a scenario, %d cores, %s %s, load average %s%n",
                seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), load);
        System.out.printf(Locale.ROOT, "real-time thread: %s; JVM affinity %s%n", placement, jvmAffinity());
        PinMap pins = Scenarios.rigPins();
        List<Figures> all = new ArrayList<>();
        all.add(baseline(seconds, placement));
        boolean unsafe = false;
        for (String[] scenario : new String[][] {{"tonic", Scenarios.TONIC}, {"burst", Scenarios.BURST},
                {"hf10k", Scenarios.HIGH_FREQUENCY}}) {
            LateActionLog late = new LateActionLog(lateThresholdNs(), LATE_LOG_CAPACITY);
            ParkThenSpinIdleStrategy idle = new ParkThenSpinIdleStrategy(SystemClock.INSTANCE);
            RigRun.Outcome outcome = run(Scenarios.validated(scenario[1]), pins, seconds, idle, late, placement);
            RunReport r = outcome.report();
            unsafe |= !outcome.everyLineSafe();
            all.add(new Figures(scenario[0], r.actions(), r.misses(), r.p50Us(), r.p99Us(), r.p999Us(), r.maxUs(),
                    r.skippedPulses(), r.fault().map(f -> "fault: " + f).orElse(r.stopReason()), late,
                    String.format(Locale.ROOT, "park-then-spin: worst park overshoot %.1f us, final margin %.1f us",
                            idle.worstOvershootNs() / 1e3, idle.spinWindowNs() / 1e3)));
        }
        Figures base = all.get(0);
        System.out.printf(Locale.ROOT, "%-9s %10s %8s %8s %9s %9s %9s %10s   %-22s %s%n", "scenario", "actions",
                "misses", "skipped", "p50 us", "p99 us", "p99.9 us", "max us", "x baseline p99/p99.9", "goals");
        for (Figures f : all) {
            boolean isBase = f == base;
            String multiples = isBase ? "" : String.format(Locale.ROOT, "%.1fx / %.1fx", ratio(f.p99Us(), base.p99Us()),
                    ratio(f.p999Us(), base.p999Us()));
            String goals = isBase ? "" : goals(f, base);
            System.out.printf(Locale.ROOT, "%-9s %10d %8d %8d %9.1f %9.1f %9.1f %10.1f   %-22s %s%n", f.scenario(),
                    f.actions(), f.misses(), f.skippedPulses(), f.p50Us(), f.p99Us(), f.p999Us(), f.maxUs(), multiples,
                    goals);
        }
        System.out.printf(Locale.ROOT, "load average at the end %s; misses are actions later than %d us; skipped are"
                + " stimulation pulses due before their predecessor was off%n", loadAverage(),
                RunnerSettings.DEFAULTS.missThresholdNs() / 1_000);
        System.out.printf(Locale.ROOT, "%nwhere the actions later than %d us fall (second from the scenario's start:"
                + " count) and what they were:%n", lateThresholdNs() / 1_000);
        for (Figures f : all) {
            System.out.print(LateSummary.describe(f.scenario(), f.late(), seconds, WORST_LISTED));
            if (!f.idle().isEmpty()) {
                System.out.printf(Locale.ROOT, "  %s%n", f.idle());
            }
        }
        if (json != null) {
            StringBuilder out = new StringBuilder();
            // the 10 kHz figures also at the top level, where benchmarks/plot.py reads them
            Figures hf = all.get(all.size() - 1);
            out.append(String.format(Locale.ROOT, "{\"seconds\": %d, \"cores\": %d, \"jvm\": \"%s %s\", \"loadAverage\":"
                    + " \"%s\",%n \"scenario\": \"%s\", \"actions\": %d, \"misses\": %d, \"missThresholdUs\": %d,"
                    + " \"p50Us\": %.3f, \"p99Us\": %.3f, \"p999Us\": %.3f, \"maxUs\": %.3f, \"stopReason\": \"%s\",%n"
                    + " \"scenarios\": [%n", seconds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), load, hf.scenario(),
                    hf.actions(), hf.misses(), RunnerSettings.DEFAULTS.missThresholdNs() / 1_000, hf.p50Us(), hf.p99Us(),
                    hf.p999Us(), hf.maxUs(), hf.ended().replace("\\", "\\\\").replace("\"", "'")));
            for (int i = 0; i < all.size(); i++) {
                Figures f = all.get(i);
                out.append(String.format(Locale.ROOT, "  {\"scenario\": \"%s\", \"actions\": %d, \"misses\": %d,"
                        + " \"p50Us\": %.3f, \"p99Us\": %.3f, \"p999Us\": %.3f, \"maxUs\": %.3f, \"skippedPulses\": %d, \"ended\": \"%s\"}%s%n",
                        f.scenario(), f.actions(), f.misses(), f.p50Us(), f.p99Us(), f.p999Us(), f.maxUs(),
                        f.skippedPulses(), f.ended().replace("\\", "\\\\").replace("\"", "'"), i + 1 < all.size() ? "," : ""));
            }
            out.append(" ]}\n");
            Files.writeString(json, out, StandardCharsets.UTF_8);
        }
        if (unsafe) {
            System.err.println("lateness harness: a line was left away from its safe level");
            System.exit(1);
        }
    }

    private static String goals(Figures f, Figures base) {
        List<String> missed = new ArrayList<>();
        if (f.p99Us() > GOAL_P99_US) {
            missed.add("p99 > " + (int) GOAL_P99_US + " us");
        }
        if (f.p999Us() > GOAL_P999_US) {
            missed.add("p99.9 > " + (int) GOAL_P999_US + " us");
        }
        if (f.p99Us() > GOAL_P99_OVER_BASELINE * Math.max(base.p99Us(), 0.001)) {
            missed.add("p99 > " + GOAL_P99_OVER_BASELINE + "x baseline");
        }
        return missed.isEmpty() ? "met" : "missed: " + String.join(", ", missed);
    }

    private static double ratio(double value, double baseline) {
        return value / Math.max(baseline, 0.001);
    }

    /** Actions later than this are listed with their time and kind: the p99 goal. */
    static long lateThresholdNs() {
        return (long) (GOAL_P99_US * 1_000);
    }

    private static RigRun.Outcome run(ValidatedTherapy therapy, PinMap pins, long seconds, ParkThenSpinIdleStrategy idle,
                                      LateActionLog late, ThreadPlacement placement) {
        RunnerSettings settings = RunnerSettings.DEFAULTS.withFaultLatenessNs(1_000_000_000L)
                .withOverrunBoundNs(1_000_000_000L);
        Context mock = RigPlatform.mock();
        try {
            return RigRun.run(therapy, pins, mock, SystemClock.INSTANCE,
                    new RigRun.Options(seconds * 1_000_000_000L, settings, idle, false, seconds * 1_000_000_000L,
                            Optional.of(late), placement),
                    line -> { });
        } finally {
            mock.shutdown();
        }
    }

    /** The bare baseline on a thread set up as the runner's: spinning on the clock, deadlines every 100 us. */
    static Figures baseline(long seconds, ThreadPlacement placement) throws InterruptedException {
        Histogram lateness = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        LateActionLog lateLog = new LateActionLog(lateThresholdNs(), LATE_LOG_CAPACITY);
        Clock clock = SystemClock.INSTANCE;
        long[] misses = new long[1];
        Thread rt = Thread.ofPlatform().name("dorsal-rt-baseline").priority(Thread.MAX_PRIORITY).unstarted(() -> {
            if (placement.any()) {
                try {
                    placement.applyToCurrentThread();
                } catch (IOException e) {
                    throw new IllegalStateException("baseline: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            long start = clock.nanoTime();
            lateLog.origin(start);
            long end = start + seconds * 1_000_000_000L;
            long deadline = start + BASELINE_PERIOD_NS;
            while (deadline < end) {
                long now = clock.nanoTime();
                if (now < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // every deadline passed is recorded, as the runner records every action it catches up on
                while (deadline <= now && deadline < end) {
                    long late = now - deadline;
                    lateness.recordValue(Math.min(late, HIGHEST_TRACKABLE_NS));
                    lateLog.record(deadline, late, null);
                    if (late > RunnerSettings.DEFAULTS.missThresholdNs()) {
                        misses[0]++;
                    }
                    deadline += BASELINE_PERIOD_NS;
                }
            }
        });
        rt.start();
        rt.join();
        return new Figures("baseline", lateness.getTotalCount(), misses[0],
                lateness.getValueAtPercentile(50) / 1_000.0, lateness.getValueAtPercentile(99) / 1_000.0,
                lateness.getValueAtPercentile(99.9) / 1_000.0, lateness.getMaxValue() / 1_000.0, 0, "duration reached", lateLog, "");
    }

    /** The CPUs this JVM may run on (its main thread's affinity, from /proc). */
    private static String jvmAffinity() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list"))
                    .map(l -> "CPUs " + l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("lateness harness: " + problem);
        System.err.println("usage: java -cp benchmarks.jar io.dorsal.bench.LatenessHarness"
                + " [--seconds N] [--json FILE] [--rt-fifo PRIORITY] [--rt-cpu CPU]");
        System.exit(2);
    }
}
