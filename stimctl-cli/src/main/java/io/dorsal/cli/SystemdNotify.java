package io.dorsal.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells systemd how {@code stimctl serve} is doing when it runs as a {@code Type=notify} service (the unit in
 * stimctl-cli/packaging/rig, docs/bench-rig.md): READY=1 once the rig serves, WATCHDOG=1 while the real-time loop
 * turns, STOPPING=1 on the way out. Java 21 cannot send a datagram to systemd's Unix socket without native code,
 * so each message goes through systemd's own {@code systemd-notify} tool ({@code NotifyAccess=all} in the unit).
 *
 * <p>The heartbeat is sent only when the real-time loop has turned since the last one: a loop that is stuck (or a
 * JVM that cannot run this thread) stops the heartbeats, systemd's watchdog stops the service, and the unit's
 * {@code ExecStopPost} drives every line safe. Not thread safe: one watchdog thread owns it.
 */
final class SystemdNotify {

    /** Sends one message (its assignments, e.g. {@code WATCHDOG=1}); true if it went. */
    interface Sender {
        boolean send(List<String> assignments);
    }

    /** How many heartbeats fit in systemd's watchdog timeout: four, so that a lost one or two do not stop the rig. */
    static final int HEARTBEATS_PER_TIMEOUT = 4;

    private final Sender sender;
    private final long heartbeatNs;
    private long lastLoops = -1;

    private SystemdNotify(Sender sender, long heartbeatNs) {
        this.sender = sender;
        this.heartbeatNs = heartbeatNs;
    }

    /** Present when systemd started this process as a notify service ({@code NOTIFY_SOCKET} is set). */
    static Optional<SystemdNotify> fromEnvironment(Map<String, String> env, long pid, Sender sender) {
        if (env.getOrDefault("NOTIFY_SOCKET", "").isEmpty()) {
            return Optional.empty();
        }
        long heartbeatNs = 0;
        String watchdogUs = env.getOrDefault("WATCHDOG_USEC", "");
        String watchdogPid = env.getOrDefault("WATCHDOG_PID", "");
        if (!watchdogUs.isEmpty() && (watchdogPid.isEmpty() || watchdogPid.equals(Long.toString(pid)))) {
            try {
                heartbeatNs = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(watchdogUs)) / HEARTBEATS_PER_TIMEOUT;
            } catch (NumberFormatException e) {
                heartbeatNs = 0;
            }
        }
        return Optional.of(new SystemdNotify(sender, heartbeatNs));
    }

    /** The service is up: READY=1, with a status line systemctl shows. */
    boolean ready(String status) {
        return sender.send(List.of("READY=1", "STATUS=" + status));
    }

    /** The service is stopping (every line is being driven safe). */
    boolean stopping(String status) {
        return sender.send(List.of("STOPPING=1", "STATUS=" + status));
    }

    /** Time between heartbeats, in ns; 0 when systemd watches nothing (no WatchdogSec in the unit). */
    long heartbeatNs() {
        return heartbeatNs;
    }

    /**
     * One heartbeat check: sends WATCHDOG=1 if the real-time loop turned since the last check (its count of
     * duty cycles moved), and nothing if it did not.
     *
     * @return whether a heartbeat was sent
     */
    boolean heartbeat(long loops) {
        boolean turned = loops != lastLoops;
        lastLoops = loops;
        return turned && sender.send(List.of("WATCHDOG=1"));
    }

    /** Runs heartbeats every {@link #heartbeatNs()} on a daemon thread of its own, from {@code loops}. */
    Optional<Thread> startHeartbeats(LongSupplier loops) {
        if (heartbeatNs == 0) {
            return Optional.empty();
        }
        return Optional.of(Thread.ofPlatform().daemon().name("dorsal-watchdog").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    heartbeat(loops.getAsLong());
                    TimeUnit.NANOSECONDS.sleep(heartbeatNs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** The real sender: {@code systemd-notify --pid=PID ASSIGNMENT...}, waited for up to two seconds. */
    static Sender systemdNotifyTool(long pid) {
        return assignments -> {
            List<String> command = new ArrayList<>(List.of("systemd-notify", "--pid=" + pid));
            command.addAll(assignments);
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }
}
