package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strategy's decisions on a virtual clock, with parks that wake as late as each test says. */
class ParkThenSpinIdleStrategyTest {

    private final VirtualClock clock = new VirtualClock(0);
    private final List<Long> parks = new ArrayList<>();
    private long overshootNs;

    private ParkThenSpinIdleStrategy strategy(long minWindowNs) {
        return new ParkThenSpinIdleStrategy(clock, ns -> {
            parks.add(ns);
            clock.advanceNs(ns + overshootNs);
        }, minWindowNs);
    }

    @Test
    void parksOnlyUntilTheMarginBeforeTheDeadline() {
        ParkThenSpinIdleStrategy idle = strategy(100_000);

        idle.idle(0, 1_000_000);

        assertThat(parks).containsExactly(900_000L);
        assertThat(clock.nanoTime()).isEqualTo(900_000);
    }

    @Test
    void withinTheMarginSpinsToTheDeadlineWithoutParking() {
        // a clock that moves 1 us each time it is read: the spin reads it until the deadline, then returns
        long[] readNs = {950_000};
        List<Long> parked = new ArrayList<>();
        ParkThenSpinIdleStrategy idle = new ParkThenSpinIdleStrategy(() -> readNs[0] += 1_000, parked::add, 100_000);

        idle.idle(950_000, 1_000_000);

        assertThat(parked).isEmpty();
        assertThat(readNs[0]).isEqualTo(1_000_000);
    }

    @Test
    void aMarginWiderThanTheHeartbeatStillParksUntilTheHeartbeatWhenTheDeadlineIsFar() {
        ParkThenSpinIdleStrategy idle = strategy(100_000);
        overshootNs = 1_000_000;
        idle.idle(clock.nanoTime(), clock.nanoTime() + 10_000_000);
        assertThat(idle.spinWindowNs()).isEqualTo(ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS);
        overshootNs = 0;
        parks.clear();

        // tonic: the next pulse 18 ms away, the heartbeat 1 ms: a park to the heartbeat, not 1 ms of spinning
        long now = clock.nanoTime();
        idle.idle(now, now + 18_000_000, now + RealtimeRunner.MAX_IDLE_NS);

        assertThat(parks).containsExactly(RealtimeRunner.MAX_IDLE_NS);
    }

    @Test
    void withinTheMarginSpinsOnlyToTheHeartbeatAndNeverParks() {
        // the deadline 1.5 ms away within a 2 ms margin: spin, but hand back to the runner at its 1 ms heartbeat
        long[] readNs = {0};
        List<Long> parked = new ArrayList<>();
        ParkThenSpinIdleStrategy idle = new ParkThenSpinIdleStrategy(() -> readNs[0] += 1_000, parked::add,
                ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS);

        idle.idle(0, 1_500_000, RealtimeRunner.MAX_IDLE_NS);

        assertThat(parked).isEmpty();
        assertThat(readNs[0]).isEqualTo(RealtimeRunner.MAX_IDLE_NS);
    }

    @Test
    void aLateWakeWidensTheMarginToTwiceTheOvershootThenItDecaysBackToItsFloor() {
        ParkThenSpinIdleStrategy idle = strategy(100_000);
        overshootNs = 400_000;

        idle.idle(clock.nanoTime(), clock.nanoTime() + 10_000_000);

        assertThat(idle.spinWindowNs()).isEqualTo(800_000);
        assertThat(idle.worstOvershootNs()).isEqualTo(400_000);
        overshootNs = 0;
        long before = idle.spinWindowNs();
        idle.idle(clock.nanoTime(), clock.nanoTime() + 10_000_000);
        assertThat(idle.spinWindowNs()).isEqualTo(before - (before - 100_000) / 64);
        for (int i = 0; i < 2_000; i++) {
            idle.idle(clock.nanoTime(), clock.nanoTime() + 10_000_000);
        }
        assertThat(idle.spinWindowNs()).isBetween(100_000L, 100_064L);
    }

    @Test
    void theMarginNeverPassesItsCeiling() {
        ParkThenSpinIdleStrategy idle = strategy(100_000);
        overshootNs = 50_000_000;

        idle.idle(clock.nanoTime(), clock.nanoTime() + 10_000_000);

        assertThat(idle.spinWindowNs()).isEqualTo(ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS);
    }

    @Test
    void refusesAFloorOutsideItsRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strategy(-1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strategy(ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(strategy(ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS).spinWindowNs())
                .isEqualTo(ParkThenSpinIdleStrategy.MAX_SPIN_WINDOW_NS);
    }
}
