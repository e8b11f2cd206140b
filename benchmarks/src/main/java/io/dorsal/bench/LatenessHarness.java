package io.dorsal.bench;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.SystemClock;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.IdleStrategy;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunReport;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.SpinThenParkIdleStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a JMH benchmark: runs the rig's {@code RealtimeRunner} in real time (the JVM's monotonic clock, the
 * spin-then-park idle strategy, a dedicated thread, exactly as {@code stimctl rig run --mock} does) at 10 kHz
 * high frequency on Pi4J's mock platform for a fixed time, and prints the runner's HdrHistogram of pin-action
 * lateness (actual minus scheduled time) as percentiles. On the mock the figures are our runner plus the
 * machine's scheduler; on a Pi the write itself adds about a microsecond.
 *
 * <p>The fault bound is raised to one second so that a hiccup of a shared machine is measured instead of ending
 * the run; the report says whether any action passed the rig's own bound (1 ms).
 *
 * <pre>java -cp benchmarks.jar io.dorsal.bench.LatenessHarness [--seconds N] [--json FILE]</pre>
 */
public final class LatenessHarness {

    /** The rig's fault bound, to which the measured lateness is compared. */
    static final long RIG_FAULT_LATENESS_NS = RunnerSettings.DEFAULTS.faultLatenessNs();

    private LatenessHarness() {
    }

    public static void main(String[] args) throws IOException {
        long seconds = 10;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(value(args, ++i));
                case "--json" -> json = Path.of(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (seconds < 1 || seconds > 3_600) {
            usage("--seconds is 1 to 3600, was " + seconds);
        }

        ValidatedTherapy therapy = Scenarios.validated(Scenarios.HIGH_FREQUENCY);
        PinMap pins = Scenarios.rigPins();
        RunnerSettings settings = RunnerSettings.DEFAULTS.withFaultLatenessNs(1_000_000_000L);
        IdleStrategy idle = new SpinThenParkIdleStrategy(SpinThenParkIdleStrategy.DEFAULT_SPIN_WINDOW_NS);
        System.out.printf(Locale.ROOT, "10 kHz high frequency (30 us, active recharge) on the mock rig for %d s, "
                + "%d cores, %s %s%n", seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        Context mock = RigPlatform.mock();
        RigRun.Outcome outcome;
        try {
            outcome = RigRun.run(therapy, pins, mock, SystemClock.INSTANCE,
                    new RigRun.Options(seconds * 1_000_000_000L, settings, idle, false, 1_000_000_000L),
                    System.err::println);
        } finally {
            mock.shutdown();
        }
        RunReport r = outcome.report();
        boolean pastRigBound = r.maxUs() * 1_000 > RIG_FAULT_LATENESS_NS;
        System.out.printf(Locale.ROOT, "phases            %d (%d pin actions, %.0f a second)%n", r.phases(),
                r.actions(), r.actions() / (double) seconds);
        System.out.printf(Locale.ROOT, "misses            %d (later than %d us)%n", r.misses(),
                settings.missThresholdNs() / 1_000);
        System.out.printf(Locale.ROOT, "lateness us       p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", r.p50Us(),
                r.p99Us(), r.p999Us(), r.maxUs());
        System.out.printf(Locale.ROOT, "rig fault bound   %d us: %s%n", RIG_FAULT_LATENESS_NS / 1_000,
                pastRigBound ? "passed by the worst action (the rig would have faulted, safely)" : "never reached");
        System.out.printf(Locale.ROOT, "ended             %s; every line %s%n", r.stopReason(),
                outcome.everyLineSafe() ? "at its safe level" : "NOT SAFE");
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, """
                    {"scenario": "hf10k", "seconds": %d, "cores": %d, "jvm": "%s %s",
                     "phases": %d, "actions": %d, "misses": %d, "missThresholdUs": %d,
                     "p50Us": %.3f, "p99Us": %.3f, "p999Us": %.3f, "maxUs": %.3f, "stopReason": "%s",
                     "fault": "%s"}
                    """, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), r.phases(), r.actions(), r.misses(),
                    settings.missThresholdNs() / 1_000, r.p50Us(), r.p99Us(), r.p999Us(), r.maxUs(), r.stopReason(),
                    r.fault().orElse("").replace("\\", "\\\\").replace("\"", "'")),
                    StandardCharsets.UTF_8);
        }
        // A fault is a measurement too (a stall of the machine long enough to fill the runner's queue); only
        // outputs left unsafe make the harness itself fail.
        r.fault().ifPresent(f -> System.out.println("fault             " + f));
        if (!outcome.everyLineSafe()) {
            System.err.println("lateness harness: a line was left away from its safe level");
            System.exit(1);
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
                + " [--seconds N] [--json FILE]");
        System.exit(2);
    }
}
