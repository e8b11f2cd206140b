package io.dorsal.rig.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one thread of this JVM on the real-time scheduling class (SCHED_FIFO) and on one CPU, with util-linux's
 * {@code chrt} and {@code taskset} on its Linux thread id: {@code rig run --rt-fifo P --rt-cpu C} does so for
 * {@code dorsal-rt} before the first pulse, and the lateness harness for its threads (docs/bench-rig.md, "Timing").
 * The rest of the JVM (compiler, garbage collector) stays where it was started: on a Pi with {@code isolcpus=3}, on
 * the other cores. SCHED_FIFO needs root or CAP_SYS_NICE. Not on the real-time path: it starts processes.
 *
 * @param fifoPriority SCHED_FIFO priority 1 to 99, or 0 to leave the scheduling class alone
 * @param cpu          the CPU to pin the thread to, or -1 to leave its affinity alone
 */
public record ThreadPlacement(int fifoPriority, int cpu) {

    /** Leaves the thread as the JVM made it. */
    public static final ThreadPlacement NONE = new ThreadPlacement(0, -1);

    public ThreadPlacement {
        if (fifoPriority < 0 || fifoPriority > 99 || cpu < -1) {
            throw new IllegalArgumentException("thread placement: SCHED_FIFO priority 0 to 99 and a CPU of 0 or more,"
                    + " was " + fifoPriority + " and " + cpu);
        }
    }

    /** Whether there is anything to apply. */
    public boolean any() {
        return fifoPriority > 0 || cpu >= 0;
    }

    @Override
    public String toString() {
        if (!any()) {
            return "default scheduling (SCHED_OTHER, any CPU)";
        }
        return (fifoPriority > 0 ? "SCHED_FIFO " + fifoPriority : "SCHED_OTHER") + (cpu >= 0 ? ", CPU " + cpu
                : ", any CPU");
    }

    /** The Linux thread id of the calling thread. */
    public static long currentTid() throws IOException {
        // /proc/thread-self links to <pid>/task/<tid>
        return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** Applies the placement to the calling thread; throws with chrt's or taskset's own message if either refuses. */
    public void applyToCurrentThread() throws IOException, InterruptedException {
        if (any()) {
            apply(currentTid());
        }
    }

    /** Applies the placement to a thread; throws with chrt's or taskset's own message if either refuses. */
    public void apply(long tid) throws IOException, InterruptedException {
        if (fifoPriority > 0) {
            run(List.of("chrt", "-f", "-p", Integer.toString(fifoPriority), Long.toString(tid)));
        }
        if (cpu >= 0) {
            run(List.of("taskset", "-p", "-c", Integer.toString(cpu), Long.toString(tid)));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " (util-linux) is needed to place the real-time thread: "
                    + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }
}
