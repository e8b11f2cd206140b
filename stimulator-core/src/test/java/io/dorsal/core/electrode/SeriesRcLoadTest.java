package io.dorsal.core.electrode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Figures by hand: 1 kOhm x 10 uF = 10 ms; 3 mA x 300 us = 0.9 uC = 90 mV on 10 uF. */
class SeriesRcLoadTest {

    private static final SeriesRcLoad ONE_K_TEN_UF = new SeriesRcLoad(1_000, 10);

    @Test
    void timeConstantIsResistanceTimesCapacitanceInMicroseconds() {
        assertThat(ONE_K_TEN_UF.timeConstantUs()).isEqualTo(10_000.0);
    }

    @Test
    void capacitorIntegratesTheCurrentThatFlowed() {
        double afterCathodic = ONE_K_TEN_UF.capacitorVoltageAfterCurrentV(0, -3.0, 300);

        assertThat(afterCathodic).isCloseTo(-0.09, within(1e-12));
        assertThat(ONE_K_TEN_UF.chargeUc(afterCathodic)).isCloseTo(-0.9, within(1e-12));
        assertThat(ONE_K_TEN_UF.capacitorVoltageAfterCurrentV(afterCathodic, 3.0, 300)).isCloseTo(0, within(1e-12));
    }

    @Test
    void driveVoltageIsTheResistiveDropPlusTheCapacitorVoltage() {
        // 6 mA through 1.9 kOhm = 11.4 V, plus 0.5 V held on the capacitor
        SeriesRcLoad load = new SeriesRcLoad(1_900, 10);

        assertThat(load.driveVoltageV(6.0, 0.5)).isCloseTo(11.9, within(1e-12));
        assertThat(load.driveVoltageV(-6.0, -0.5)).isCloseTo(-11.9, within(1e-12));
    }

    @Test
    void aShortReturnsTheHeldChargeExponentially() {
        double held = ONE_K_TEN_UF.capacitorVoltageAfterCurrentV(0, -1.2, 5_000); // ten 1.2 mA x 500 us pulses

        // a 500 us window with tau = 10 ms returns 1 - e^-0.05 = 4.9 % (the "about 5 %")
        assertThat(ONE_K_TEN_UF.chargeReturnedByShortUc(held, 500) / ONE_K_TEN_UF.chargeUc(held))
                .isCloseTo(1 - Math.exp(-0.05), within(1e-12));
        assertThat(ONE_K_TEN_UF.fractionReturnedByShort(500)).isCloseTo(0.0488, within(1e-4));
        // one time constant returns 63 %, five return more than 99 %
        assertThat(ONE_K_TEN_UF.fractionReturnedByShort(10_000)).isCloseTo(0.632, within(1e-3));
        assertThat(ONE_K_TEN_UF.fractionReturnedByShort(50_000)).isGreaterThan(0.99);
    }

    @Test
    void aKilohertzWindowOfTensOfMicrosecondsReturnsAlmostNothing() {
        // 10 kHz with a 70 us passive window: under 1 %
        assertThat(ONE_K_TEN_UF.fractionReturnedByShort(70)).isLessThan(0.01);
    }

    @Test
    void shortCurrentStartsAtVOverRAndFlowsAgainstTheHeldCharge() {
        assertThat(ONE_K_TEN_UF.shortCurrentMa(-0.09, 0)).isCloseTo(0.09, within(1e-12));
        assertThat(ONE_K_TEN_UF.shortCurrentMa(-0.09, 10_000)).isCloseTo(0.09 / Math.E, within(1e-12));
    }

    @Test
    void shortToReturnIsTheInverseOfTheReturnedFraction() {
        double t = ONE_K_TEN_UF.shortToReturnUs(0.99);

        assertThat(t).isCloseTo(10_000 * Math.log(100), within(1e-9));
        assertThat(ONE_K_TEN_UF.fractionReturnedByShort(t)).isCloseTo(0.99, within(1e-12));
        assertThat(ONE_K_TEN_UF.shortToReturnUs(0)).isZero();
        assertThatThrownBy(() -> ONE_K_TEN_UF.shortToReturnUs(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAZeroNegativeOrUnboundedPart() {
        assertThatThrownBy(() -> new SeriesRcLoad(0, 10)).hasMessageContaining("resistanceOhm");
        assertThatThrownBy(() -> new SeriesRcLoad(1_000, -1)).hasMessageContaining("couplingCapacitanceUf");
        assertThatThrownBy(() -> new SeriesRcLoad(Double.NaN, 10)).hasMessageContaining("resistanceOhm");
        assertThatThrownBy(() -> new SeriesRcLoad(1_000, Double.POSITIVE_INFINITY))
                .hasMessageContaining("couplingCapacitanceUf");
    }
}
