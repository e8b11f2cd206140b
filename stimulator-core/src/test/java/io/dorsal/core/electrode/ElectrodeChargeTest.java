package io.dorsal.core.electrode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.PhaseSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One period on a 1 kOhm, 10 uF contact (tau 10 ms); figures by hand. */
class ElectrodeChargeTest {

    private static final SeriesRcLoad LOAD = new SeriesRcLoad(1_000, 10);

    @Test
    void activeRechargeHoldsOnePhaseAndCarriesNothingOver() {
        // 3 mA x 300 us = 0.9 uC, returned by a symmetric phase after a 20 us gap
        var phases = List.of(new PhaseSpec(0, 300, PhaseKind.STIM, 1.0), new PhaseSpec(320, 300, PhaseKind.RECHARGE, -1.0));

        ElectrodeCharge charge = ElectrodeCharge.of(phases, false, -3.0, LOAD);

        assertThat(charge.firstPeakUc()).isCloseTo(0.9, within(1e-12));
        assertThat(charge.steadyPeakUc()).isCloseTo(0.9, within(1e-12));
        assertThat(charge.steadyResidualUc()).isZero();
        assertThat(charge.leastPassiveReturnFraction()).isEqualTo(1.0);
        assertThat(charge.steadyPeakVoltageV()).isCloseTo(0.09, within(1e-12));
    }

    @Test
    void aPassiveWindowCarriesWhatItLeavesIntoTheNextPeriodUntilItReturnsAPeriodsCharge() {
        // ten 1.2 mA x 500 us pulses (6 uC) and a 500 us window: it returns 1 - e^-0.05 = 4.9 %; the steady state
        // holds 6 / 0.049 = 123 uC at its peak and 117 uC between periods
        var phases = new java.util.ArrayList<PhaseSpec>();
        for (int i = 0; i < 10; i++) {
            phases.add(new PhaseSpec(i * 1000L, 500, PhaseKind.STIM, 1.0));
        }
        phases.add(new PhaseSpec(9500, 500, PhaseKind.RECHARGE, -12.0));
        double returned = 1 - Math.exp(-0.05);

        ElectrodeCharge charge = ElectrodeCharge.of(phases, true, 1.2, LOAD);

        assertThat(charge.firstPeakUc()).isCloseTo(6.0, within(1e-9));
        assertThat(charge.leastPassiveReturnFraction()).isCloseTo(returned, within(1e-12));
        assertThat(charge.steadyPeakUc()).isCloseTo(6.0 / returned, within(1e-9));
        assertThat(charge.steadyResidualUc()).isCloseTo(6.0 / returned - 6.0, within(1e-9));
        assertThat(charge.steadyPeakUcPerCm2(12.0)).isCloseTo(6.0 / returned / 0.12, within(1e-6));
    }
}
