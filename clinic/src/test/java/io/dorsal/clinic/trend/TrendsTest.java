package io.dorsal.clinic.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.testing.Cases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The impedance rule at and past each threshold, the battery projection and the refill checks over visits. */
class TrendsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final DeviceLimits LIMITS = DeviceLimits.DEFAULTS;

    private static List<ImpedanceReading> contact(String name, double... ohms) {
        List<ImpedanceReading> out = new ArrayList<>();
        for (int i = 0; i < ohms.length; i++) {
            out.add(new ImpedanceReading("p", "d", "c-" + i, name, ohms[i], T0.plus(Duration.ofDays(90L * i))));
        }
        return out;
    }

    @Test
    void flagsAJumpAtFortyPercentAndNotBelow() {
        assertThat(ImpedanceTrends.flags(contact("L1.0", 1000, 1399), LIMITS)).isEmpty();
        List<ImpedanceFlag> up = ImpedanceTrends.flags(contact("L1.0", 1000, 1400), LIMITS);
        assertThat(up).extracting(ImpedanceFlag::kind).containsExactly(ImpedanceFlag.Kind.JUMP);
        assertThat(up.getFirst().message()).startsWith("contact L1.0: jump, 1000 -> 1400 ohm (+40%) on 2026-04-05;"
                + " look for lead fracture or migration");
        assertThat(ImpedanceTrends.flags(contact("L1.0", 1000, 600), LIMITS)).extracting(ImpedanceFlag::kind)
                .containsExactly(ImpedanceFlag.Kind.JUMP);
    }

    @Test
    void flagsASlowDriftOfTwentyFivePercentOverThreeChecks() {
        assertThat(ImpedanceTrends.flags(contact("L1.0", 800, 900, 999), LIMITS)).isEmpty();
        assertThat(ImpedanceTrends.flags(contact("L1.0", 800, 900, 1000), LIMITS)).extracting(ImpedanceFlag::kind)
                .containsExactly(ImpedanceFlag.Kind.DRIFT);
        // two checks are not a trend
        assertThat(ImpedanceTrends.flags(contact("L1.0", 800, 1050), LIMITS)).isEmpty();
    }

    @Test
    void flagsOpenAndShortAtTheDeviceFigures() {
        assertThat(ImpedanceTrends.flags(contact("L1.0", LIMITS.openCircuitOhm() - 1), LIMITS)).isEmpty();
        assertThat(ImpedanceTrends.flags(contact("L1.0", LIMITS.openCircuitOhm()), LIMITS))
                .extracting(ImpedanceFlag::kind).containsExactly(ImpedanceFlag.Kind.OPEN);
        assertThat(ImpedanceTrends.flags(contact("L1.0", LIMITS.shortCircuitOhm()), LIMITS))
                .extracting(ImpedanceFlag::kind).containsExactly(ImpedanceFlag.Kind.SHORT);
        assertThat(ImpedanceTrends.flags(contact("L1.0", LIMITS.shortCircuitOhm() + 1), LIMITS)).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> stableContactsWithinTenPercentAreNeverFlagged() {
        return Cases.of(random -> {
            double base = 500 + random.nextDouble() * 2500;
            double[] ohms = new double[2 + random.nextInt(8)];
            for (int i = 0; i < ohms.length; i++) {
                ohms[i] = base * (0.95 + random.nextDouble() * 0.10);
            }
            return ohms;
        }).count(300).check(ohms -> assertThat(ImpedanceTrends.flags(contact("L2.3", ohms), LIMITS)).isEmpty());
    }

    @Test
    void projectsTheBatteryToItsReplacementPoint() {
        List<BatteryReading> readings = List.of(
                new BatteryReading("p", "d", T0, 90, 3.9),
                new BatteryReading("p", "d", T0.plus(Duration.ofDays(100)), 80, 3.8),
                new BatteryReading("p", "d", T0.plus(Duration.ofDays(200)), 70, 3.7));
        BatteryProjection p = BatteryProjection.of(readings);
        assertThat(p.slopePercentPerDay()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
        // from 90% at T0, 0.1%/day: 10% after 800 days
        assertThat(p.endOfService()).contains(T0.plus(Duration.ofDays(800)));
        assertThat(p.message()).contains("battery: 70%", "0.100%/day over 3 readings", "on 2028-03-15");
        assertThat(BatteryProjection.of(readings.subList(0, 1)).endOfService()).isEmpty();
        assertThat(BatteryProjection.of(List.of(readings.get(1), new BatteryReading("p", "d",
                T0.plus(Duration.ofDays(300)), 95, 4.1))).endOfService()).isEmpty();
    }

    @Test
    void checksEachRefillAgainstWhatThePumpDeliveredSinceTheFillBefore() {
        Instant t1 = T0.plus(Duration.ofDays(60));
        Instant t2 = t1.plus(Duration.ofDays(60));
        List<RefillFindings.Finding> findings = RefillFindings.of(List.of(
                new PumpRefill("p", "d", t2, "morphine", 10, 4.0, 1.0, 20.0),
                new PumpRefill("p", "d", T0, "morphine", 10, 2.0, 2.1, 20.0),
                new PumpRefill("p", "d", t1, "morphine", 10, 4.0, 4.6, 20.0)));
        assertThat(findings).extracting(f -> f.refill().refilledAt()).containsExactly(T0, t1, t2);
        assertThat(findings.get(0).check().finding()).isEqualTo(Discrepancy.WITHIN);
        // 16 mL delivered since the fill before: tolerance 0.145 x 16 + 0.5 = 2.82 mL
        assertThat(findings.get(1).check().toleranceUl()).isCloseTo(2820, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(findings.get(1).discrepancy()).isFalse();
        // 3 mL less than expected is beyond it: the pump delivered more than it counted, or a leak
        assertThat(findings.get(2).discrepancy()).isTrue();
        assertThat(findings.get(2).check().finding()).isEqualTo(Discrepancy.LESS_THAN_EXPECTED);
    }
}
