package io.dorsal.programmer.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.model.Fixture;
import org.junit.jupiter.api.Test;

class EmbeddedLinkTest {

    private final VirtualClock clock = new VirtualClock(0);
    private final EmbeddedLink link = EmbeddedLink.manual(clock);

    private void run(long ns) {
        long end = clock.nanoTime() + ns;
        while (clock.nanoTime() < end) {
            clock.advanceNs(EmbeddedLink.POLL_PERIOD_NS);
            link.pump();
        }
    }

    @Test
    void countsPhasesWithoutKeepingThem() {
        link.apply(Fixture.example(), "test").join();
        link.start("test").join();

        run(1_000_000_000L);

        // low-back: 50 Hz (its 2 s ramp still counts pulses), left-leg: 100 Hz; a stim and a recharge phase each
        assertThat(link.stage().stimPhases()).isBetween(148L, 152L);
        assertThat(link.stage().phases()).isEqualTo(2 * link.stage().stimPhases());
        assertThat(link.status().join().mode()).isEqualTo(GeneratorMode.RAMPING);
    }

    @Test
    void stopAllLatchesTheStageSafeUntilTherapyStartsAgain() {
        link.apply(Fixture.example(), "test").join();
        link.start("test").join();
        run(100_000_000L);

        link.stopAll("test").join();
        long delivered = link.stage().phases();
        run(100_000_000L);

        assertThat(link.stage().isSafe()).isTrue();
        assertThat(link.stage().phases()).isEqualTo(delivered);
        link.start("test").join();
        run(100_000_000L);
        assertThat(link.stage().phases()).isGreaterThan(delivered);
    }

    @Test
    void aRefusedTherapyLeavesTheGeneratorAsItWas() {
        link.apply(Fixture.example(), "test").join();
        var unsafe = Fixture.example().withProgram(Fixture.example().programs().get(0).withAmplitudeMa(20.0));

        var result = link.apply(unsafe, "test").join();

        assertThat(result.applied()).isFalse();
        assertThat(link.status().join().therapy().orElseThrow().therapy()).isEqualTo(Fixture.example());
    }

    @Test
    void aStartedLinkPollsOnADaemonThreadAndCloseStopsItSafe() {
        EmbeddedLink started = EmbeddedLink.started(clock);
        assertThat(started.polling()).isTrue();

        started.close();

        assertThat(started.polling()).isFalse();
        assertThat(started.stage().isSafe()).isTrue();
        assertThat(started.runnerErrors()).isZero();
    }
}
