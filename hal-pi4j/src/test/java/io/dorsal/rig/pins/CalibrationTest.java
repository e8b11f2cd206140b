package io.dorsal.rig.pins;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.testing.Cases;
import io.dorsal.testing.Generators;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CalibrationTest {

    @Test
    void rendersExactlyTheCurrentsOnTheDutyGrid() {
        Calibration linear = Calibration.linear(0.1);

        assertThat(linear.exactDutyFor(3_000)).isEqualTo(30);
        assertThat(linear.exactDutyFor(10_000)).isEqualTo(100);
        assertThat(linear.exactDutyFor(3_050)).isEqualTo(-1);
        assertThat(linear.exactDutyFor(10_100)).isEqualTo(-1);
    }

    @Test
    void interpolatesMeasuredPointsLinearly() {
        Calibration measured = Calibration.fromPoints(List.of(new double[] {0, 0}, new double[] {50, 4.0},
                new double[] {100, 10.0}));

        assertThat(measured.microampsAt(25)).isEqualTo(2_000.0);
        assertThat(measured.microampsAt(75)).isEqualTo(7_000.0);
        assertThat(measured.maxMa()).isEqualTo(10.0);
    }

    /** 1000 currents from 0 to 10 mA (both ends among them). */
    @TestFactory
    Stream<DynamicTest> neverRoundsACurrentUpWhileRamping() {
        Calibration calibration = Calibration.fromPoints(List.of(new double[] {0, 0}, new double[] {30, 2.5},
                new double[] {100, 10.0}));

        return Cases.of(random -> Generators.doubleBetween(random, 0, 10_000, 6)).count(1000).check(ua -> {
            int duty = calibration.highestDutyNotAbove(ua);

            assertThat(calibration.microampsAt(duty)).isLessThanOrEqualTo(ua + 1e-9);
            if (duty < Calibration.DUTY_STEPS) {
                assertThat(calibration.microampsAt(duty + 1)).isGreaterThan(ua);
            }
        });
    }
}
