package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stimctl serve under systemd: ready once serving, a heartbeat only while the real-time loop turns. */
class SystemdNotifyTest {

    private static final long PID = 4242;
    private final List<List<String>> sent = new ArrayList<>();
    private final SystemdNotify.Sender sender = assignments -> sent.add(assignments);

    private SystemdNotify underSystemd(String watchdogUs, String watchdogPid) {
        return SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", watchdogUs,
                "WATCHDOG_PID", watchdogPid), PID, sender).orElseThrow();
    }

    @Test
    void outsideSystemdNothingIsSent() {
        assertThat(SystemdNotify.fromEnvironment(Map.of(), PID, sender)).isEmpty();
        assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", ""), PID, sender)).isEmpty();
    }

    @Test
    void readyAndStoppingCarryAStatusLine() {
        SystemdNotify systemd = underSystemd("30000000", "4242");

        systemd.ready("serving bench-rig on 0.0.0.0:7450");
        systemd.stopping("stopping");

        assertThat(sent).containsExactly(List.of("READY=1", "STATUS=serving bench-rig on 0.0.0.0:7450"),
                List.of("STOPPING=1", "STATUS=stopping"));
    }

    @Test
    void fourHeartbeatsFitInTheWatchdogTimeout() {
        assertThat(underSystemd("30000000", "4242").heartbeatNs()).isEqualTo(7_500_000_000L);
        assertThat(underSystemd("30000000", "").heartbeatNs()).isEqualTo(7_500_000_000L);
    }

    @Test
    void noWatchdogForThisProcessMeansNoHeartbeats() {
        assertThat(underSystemd("", "").heartbeatNs()).isZero();
        assertThat(underSystemd("30000000", "1").heartbeatNs()).isZero();
        assertThat(underSystemd("thirty", "").heartbeatNs()).isZero();
        assertThat(underSystemd("", "").startHeartbeats(() -> 0)).isEmpty();
    }

    @Test
    void aHeartbeatGoesOnlyWhenTheRealtimeLoopTurnedSinceTheLastOne() {
        SystemdNotify systemd = underSystemd("30000000", "4242");

        assertThat(systemd.heartbeat(100)).isTrue();
        assertThat(systemd.heartbeat(5_000)).isTrue();
        assertThat(systemd.heartbeat(5_000)).isFalse();   // stuck: systemd's watchdog will stop the service
        assertThat(systemd.heartbeat(5_000)).isFalse();
        assertThat(systemd.heartbeat(5_001)).isTrue();

        assertThat(sent).hasSize(3).allSatisfy(m -> assertThat(m).containsExactly("WATCHDOG=1"));
    }
}
