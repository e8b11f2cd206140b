package io.dorsal.infusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.BolusResult;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpEvent;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.infusion.refill.InterrogationReport;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PumpValidation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PumpFirmwareTest {

    private static final long MS_PER_DAY = DeliveryPlan.MS_PER_DAY;
    private static final long NS_PER_MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final PumpFirmware pump = new PumpFirmware(clock);

    private void advanceDays(double days) {
        clock.advanceNs((long) (days * MS_PER_DAY) * NS_PER_MS);
        pump.poll();
    }

    private long firstEvent(String name) {
        return pump.events().stream().filter(e -> e.name().equals(name)).mapToLong(PumpEvent::timeMs).findFirst()
                .orElse(-1);
    }

    @Test
    void deliversTheDailyVolumeInStrokesAndCountsTheDrug() {
        pump.fill(Fixtures.morphine());
        advanceDays(1);
        // 3 mg/day at 10 mg/mL: 300 uL a day, 1200 strokes of 0.25 uL
        assertThat(pump.deliveredUl()).isCloseTo(300.0, within(0.25));
        assertThat(pump.drugUg()).isCloseTo(3_000.0, within(2.5));
        assertThat(pump.reservoirUl()).isCloseTo(19_700.0, within(0.25));
    }

    @Test
    void raisesTheLowReservoirAlarmWhenTheReservoirReachesItsThreshold() {
        pump.fill(Fixtures.morphine());
        advanceDays(65);
        // (20 - 2) mL at 0.3 mL/day: 60 days
        assertThat(firstEvent("alarm_low_reservoir")).isCloseTo(60 * MS_PER_DAY, within(MS_PER_DAY / 1200));
        assertThat(pump.alarms()).contains(PumpAlarm.LOW_RESERVOIR);
        assertThat(pump.delivering()).isTrue();
    }

    @Test
    void anEmptyReservoirIsACriticalAlarmThatStopsDelivery() {
        pump.fill(Fixtures.morphine());
        advanceDays(80);
        assertThat(firstEvent("alarm_empty")).isCloseTo(MS_PER_DAY * 200 / 3, within(MS_PER_DAY / 1200));
        assertThat(pump.alarms().get(0)).isEqualTo(PumpAlarm.EMPTY_RESERVOIR);
        assertThat(pump.delivering()).isFalse();
        assertThat(pump.reservoirUl()).isLessThan(0.25);
        assertThat(pump.events()).extracting(PumpEvent::name).contains("stopped");
        double delivered = pump.deliveredUl();
        advanceDays(1);
        assertThat(pump.deliveredUl()).isEqualTo(delivered);
    }

    @Test
    void theElectiveReplacementIndicatorIsFollowedByEndOfServiceNinetyDaysLater() {
        pump.battery(PumpFirmware.ERI_BATTERY_FRACTION + 10 * (PumpFirmware.BATTERY_PER_DAY
                + PumpFirmware.BATTERY_PER_UL * 300));
        pump.fill(Fixtures.morphine().withMode(new InfusionMode.MinimumRate()));
        advanceDays(9.9);
        assertThat(pump.alarms()).doesNotContain(PumpAlarm.ELECTIVE_REPLACEMENT);
        pump.reprogram(Fixtures.morphine());
        advanceDays(0.2);
        // the drain changed with the rate; ERI still falls within the next day
        advanceDays(1);
        long eri = firstEvent("alarm_eri");
        assertThat(eri).isPositive();
        advanceDays(95);
        long eos = firstEvent("alarm_end_of_service");
        assertThat(eos - eri).isEqualTo(PumpFirmware.ERI_TO_EOS_MS);
        assertThat(pump.delivering()).isFalse();
    }

    @Test
    void anMriScanStallsTheMotorAndLeavesACheckToDo() {
        pump.fill(Fixtures.morphine());
        advanceDays(1);
        double before = pump.deliveredUl();
        pump.enterMri();
        advanceDays(0.5);
        assertThat(pump.deliveredUl()).isEqualTo(before);
        pump.leaveMri();
        assertThat(pump.alarms()).containsExactly(PumpAlarm.MRI_CHECK);
        advanceDays(0.5);
        assertThat(pump.deliveredUl() - before).isCloseTo(150.0, within(0.5));
        pump.interrogate();
        assertThat(pump.alarms()).isEmpty();
    }

    @Test
    void aMotorStallStopsDeliveryUntilCleared() {
        pump.fill(Fixtures.morphine());
        advanceDays(1);
        pump.fault(PumpAlarm.MOTOR_STALL);
        double before = pump.deliveredUl();
        advanceDays(1);
        assertThat(pump.deliveredUl()).isEqualTo(before);
        assertThat(pump.requestBolus()).isInstanceOf(BolusResult.Refused.class);
        pump.clearFault(PumpAlarm.MOTOR_STALL);
        advanceDays(1);
        assertThat(pump.deliveredUl() - before).isCloseTo(300.0, within(0.5));
    }

    @Test
    void aPatientBolusIsRefusedInsideTheLockoutAndPastTheDailyCount() {
        pump.fill(Fixtures.morphineWithBolus(200, 10, 120, 2));
        assertThat(pump.requestBolus()).isInstanceOf(BolusResult.Given.class);
        clock.advanceNs(119 * 60_000L * NS_PER_MS);
        assertThat(pump.requestBolus()).isInstanceOfSatisfying(BolusResult.Refused.class,
                r -> assertThat(r.nextAllowedAtMs()).isEqualTo(120 * 60_000L));
        clock.advanceNs(60_000L * NS_PER_MS);
        assertThat(pump.requestBolus()).isInstanceOf(BolusResult.Given.class);
        clock.advanceNs(240 * 60_000L * NS_PER_MS);
        assertThat(pump.requestBolus()).isInstanceOfSatisfying(BolusResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo("already 2 boluses in 24 hours"));
        advanceDays(1);
        pump.poll();
        // 2 boluses of 0.2 mg (20 uL each) on top of the day's 300 uL
        assertThat(pump.deliveredUl()).isGreaterThan(340.0);
    }

    @Test
    void aRefusedPrescriptionLeavesTheRunningOneUntouched() {
        pump.fill(Fixtures.morphine());
        Prescription overdose = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(30_000));
        assertThat(pump.reprogram(overdose)).isInstanceOf(PumpValidation.Unsafe.class);
        assertThat(pump.prescription()).isEqualTo(Fixtures.morphine());
        advanceDays(1);
        assertThat(pump.deliveredUl()).isCloseTo(300.0, within(0.25));
    }

    @Test
    void theBridgeBolusDeliversTheOldDrugFirst() throws Exception {
        Prescription p = Fixtures.example("pump-baclofen-flexible.json");
        pump.fill(p);
        advanceDays(0.5);
        // the bridge: 382 uL of the old 1000 mcg/mL in 12 hours
        assertThat(pump.deliveredUl()).isCloseTo(382.0, within(0.25));
        assertThat(pump.drugUg()).isCloseTo(382.0, within(0.5));
    }

    @Test
    void aSuspendStopsDeliveryAndIsLogged() {
        pump.fill(Fixtures.morphine());
        pump.suspend();
        advanceDays(1);
        assertThat(pump.deliveredUl()).isZero();
        assertThat(pump.events()).extracting(PumpEvent::name).contains("stopped");
    }

    @Test
    void theRefillCheckFlagsADiscrepancyBeyondAccuracyAndAspirationAndNoReturn() {
        // 10 mL delivered: tolerance 1.45 + 0.5 = 1.95 mL
        assertThat(new RefillCheck(10_000, 10_000, 8_050, 0.145).finding()).isEqualTo(Discrepancy.WITHIN);
        assertThat(new RefillCheck(10_000, 10_000, 8_040, 0.145).finding()).isEqualTo(Discrepancy.LESS_THAN_EXPECTED);
        assertThat(new RefillCheck(10_000, 10_000, 11_960, 0.145).finding()).isEqualTo(Discrepancy.MORE_THAN_EXPECTED);
        assertThat(new RefillCheck(10_000, 10_000, 0, 0.145).finding()).isEqualTo(Discrepancy.NO_RETURN);
        assertThat(new RefillCheck(10_000, 10_000, 0, 0.145).message()).contains("pocket fill");
    }

    @Test
    void theInterrogationReportCarriesSettingsReservoirAlarmsAndHistory() {
        pump.fill(Fixtures.morphine());
        advanceDays(61);
        String report = InterrogationReport.of(pump, Optional.of(new RefillCheck(pump.reservoirUl(),
                pump.deliveredUl(), pump.reservoirUl() - 100, 0.145)));
        assertThat(report).contains("drug                 morphine 10 mg/mL")
                .contains("ALARM NON_CRITICAL  alarm_low_reservoir")
                .contains("refill check         expected 1.7 mL, drawn back 1.6 mL")
                .contains("within tolerance");
    }
}
