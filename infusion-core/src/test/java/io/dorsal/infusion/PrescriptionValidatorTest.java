package io.dorsal.infusion;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.Reservoir;
import io.dorsal.infusion.prescription.StartBolus;
import io.dorsal.infusion.pump.PumpKind;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpRule;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.safety.Violation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrescriptionValidatorTest {

    private final PrescriptionValidator validator = new PrescriptionValidator();

    private List<Violation> violations(Prescription p) {
        return switch (validator.validate(p)) {
            case PumpValidation.Safe s -> List.of();
            case PumpValidation.Unsafe u -> u.violations();
        };
    }

    private List<PumpRule> rules(Prescription p) {
        return violations(p).stream().map(Violation::rule).toList();
    }

    @Test
    void acceptsTheBaseMorphinePrescription() {
        assertThat(violations(Fixtures.morphine())).isEmpty();
    }

    @Test
    void acceptsMorphineAtItsConsensusDailyLimitAndRefusesJustAbove() {
        Prescription at = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(15_000));
        Prescription above = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(15_010));
        assertThat(rules(at.withReservoir(new Reservoir(20_000, 2_000, Fixtures.FILLED, Fixtures.FILLED.plusDays(7)))))
                .isEmpty();
        List<Violation> v = violations(above.withReservoir(
                new Reservoir(20_000, 2_000, Fixtures.FILLED, Fixtures.FILLED.plusDays(7))));
        assertThat(v).extracting(Violation::rule).containsExactly(PumpRule.DAILY_DOSE);
        assertThat(v.get(0).message()).isEqualTo(
                "prescription, dosePerDay: 15.01 mg/day (15.01 mg/day from the mode); limit at most 15 mg/day"
                        + " (PACC 2017) (rule: daily dose)");
    }

    @Test
    void countsEveryAllowedPatientBolusInTheDailyDose() {
        // 3 mg/day + 4 x 3 mg = 15 mg: at the limit; a fifth bolus allowed takes it past
        Prescription at = withRefill(Fixtures.morphineWithBolus(3_000, 60, 120, 4), 7);
        Prescription past = withRefill(Fixtures.morphineWithBolus(3_000, 60, 120, 5), 7);
        assertThat(rules(at)).isEmpty();
        assertThat(violations(past)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.DAILY_DOSE);
            assertThat(v.value()).isEqualTo("18 mg/day (3 mg/day from the mode + 5 patient boluses of 3 mg)");
        });
    }

    @Test
    void aPrescriptionMayTightenTheDrugLimitButNeverLoosenIt() {
        Prescription tighter = withMaxDose(Fixtures.morphine(), 2_000);
        Prescription looser = withMaxDose(Fixtures.morphine(), 20_000);
        assertThat(violations(tighter)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.DAILY_DOSE);
            assertThat(v.limit()).isEqualTo("at most 2 mg/day (the prescription's own limit)");
        });
        assertThat(rules(looser)).containsExactly(PumpRule.DOSE_LIMIT);
    }

    @Test
    void refusesAConcentrationAboveTheConsensusMaximum() {
        assertThat(rules(withConcentration(Fixtures.morphine(), 20_000))).doesNotContain(PumpRule.CONCENTRATION);
        assertThat(violations(withConcentration(Fixtures.morphine(), 20_001))).first().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.CONCENTRATION);
            assertThat(v.limit()).isEqualTo("above 0 and at most 20 mg/mL (PACC 2017)");
        });
        assertThat(rules(withConcentration(Fixtures.morphine(), 0))).contains(PumpRule.CONCENTRATION);
    }

    @Test
    void refusesARateBelowThePumpsMinimumAsAConcentrationTooHighForTheDose() {
        // 10 mg/mL: the minimum 0.048 mL/day carries 0.48 mg/day
        Prescription atMin = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(480));
        Prescription below = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(479));
        assertThat(rules(atMin)).doesNotContain(PumpRule.FLOW_RANGE);
        assertThat(violations(below)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.FLOW_RANGE);
            assertThat(v.limit()).contains("from 0.048 mL/day to 24 mL/day").contains("concentration is too high");
        });
    }

    @Test
    void refusesAPatientBolusFasterThanThePumpOnTopOfTheMode() {
        // 3 mg in 10 min at 10 mg/mL is 43.2 mL/day, past the pump's 24 mL/day
        assertThat(violations(Fixtures.morphineWithBolus(3_000, 10, 120, 1))).extracting(Violation::rule)
                .contains(PumpRule.FLOW_RANGE);
    }

    @Test
    void refusesAPatientBolusWhoseLockoutIsShorterThanItsMinimum() {
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 10, 4))).isEmpty();
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 9, 4))).containsExactly(PumpRule.PATIENT_BOLUS);
        assertThat(rules(Fixtures.morphineWithBolus(100, 30, 20, 4))).containsExactly(PumpRule.PATIENT_BOLUS);
    }

    @Test
    void refusesMoreBolusesADayThanFitAtOnePerLockout() {
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 240, 6))).isEmpty();
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 240, 7))).containsExactly(PumpRule.PATIENT_BOLUS);
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 60, 25))).containsExactly(PumpRule.PATIENT_BOLUS);
        assertThat(rules(Fixtures.morphineWithBolus(100, 10, 60, 0))).containsExactly(PumpRule.PATIENT_BOLUS);
    }

    @Test
    void aConcentrationChangeNeedsABridgeBolusAndABridgeNeedsAChange() {
        Prescription changed = withPrevious(Fixtures.morphine(), 5_000, List.of());
        Prescription bridged = withPrevious(Fixtures.morphine(), 5_000, List.of(new StartBolus.Bridge(240)));
        Prescription needless = withPrevious(Fixtures.morphine(), 10_000, List.of(new StartBolus.Bridge(240)));
        assertThat(violations(changed)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.BRIDGE_BOLUS);
            assertThat(v.limit()).contains("5 mg/mL to 10 mg/mL");
        });
        assertThat(rules(bridged)).isEmpty();
        assertThat(rules(needless)).containsExactly(PumpRule.BRIDGE_BOLUS);
    }

    @Test
    void refusesPrimingAfterARefill() {
        Prescription p = withPrevious(Fixtures.morphine(), 5_000,
                List.of(new StartBolus.Priming(60), new StartBolus.Bridge(240)));
        assertThat(rules(p)).containsExactly(PumpRule.PRIMING_BOLUS);
    }

    @Test
    void refusesAFillThatRunsLowBeforeTheBookedRefillCountingThePumpsAccuracy() {
        // 0.3 mL/day, +14.5 %: (20 - 2) mL / 0.3435 mL/day = 52.4 days
        Prescription in52 = withRefill(Fixtures.morphine(), 52);
        Prescription in53 = withRefill(Fixtures.morphine(), 53);
        assertThat(rules(in52)).isEmpty();
        assertThat(violations(in53)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(PumpRule.RESERVOIR_LASTS);
            assertThat(v.limit()).startsWith("at most 52.4 days after the fill");
        });
    }

    @Test
    void refusesARefillIntervalPastDrugStability() {
        Prescription slow = Fixtures.morphine().withMode(new InfusionMode.SimpleContinuous(500));
        assertThat(rules(withRefill(slow, 180))).isEmpty();
        assertThat(rules(withRefill(slow, 181))).containsExactly(PumpRule.REFILL_INTERVAL);
        assertThat(rules(withRefill(slow, 0))).containsExactly(PumpRule.REFILL_INTERVAL);
    }

    @Test
    void refusesAFillLargerThanTheReservoirAndALowAlarmThatCannotSound() {
        Prescription over = Fixtures.morphine().withReservoir(new Reservoir(20_001, 2_000, Fixtures.FILLED,
                Fixtures.FILLED.plusDays(10)));
        Prescription lowAlarm = Fixtures.morphine().withReservoir(new Reservoir(20_000, 499, Fixtures.FILLED,
                Fixtures.FILLED.plusDays(10)));
        assertThat(rules(over)).containsExactly(PumpRule.RESERVOIR);
        assertThat(rules(lowAlarm)).containsExactly(PumpRule.RESERVOIR);
    }

    @Test
    void refusesFlexibleStepsWithAGapOrOutOfOrder() {
        Prescription gap = Fixtures.morphine().withMode(new InfusionMode.FlexibleDosing(List.of(
                new InfusionMode.Step(60, 3_000))));
        Prescription disorder = Fixtures.morphine().withMode(new InfusionMode.FlexibleDosing(List.of(
                new InfusionMode.Step(0, 3_000), new InfusionMode.Step(600, 3_000), new InfusionMode.Step(600, 2_000))));
        assertThat(violations(gap)).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("step 1, start: 01:00; limit 00:00 (the day has no gap) (rule: flexible steps)"));
        assertThat(rules(disorder)).containsExactly(PumpRule.FLEXIBLE_STEPS);
    }

    @Test
    void aConstantFlowPumpIsCheckedAtFeverAndCabinPressure() {
        // 0.5 mL/day nominal; at 40 C and 75.3 kPa with +15 % it runs 1.47 x nominal
        PumpKind.ConstantFlow pump = PumpKind.ConstantFlow.of(20_000, 500);
        double factor = pump.rateUlPerDay(40, 75.3) / 500 * 1.15;
        assertThat(factor).isBetween(1.46, 1.48);
        Prescription ok = constantFlow(pump, 1_000);       // 500 mcg/day nominal, 736 worst
        Prescription tooStrong = constantFlow(pump, 1_400); // 700 nominal (within 1000), 1030 worst
        assertThat(rules(ok)).isEmpty();
        assertThat(rules(tooStrong)).containsExactly(PumpRule.CONSTANT_FLOW);
    }

    @Test
    void theConstantFlowPumpFollowsTheGasLaw() {
        PumpKind.ConstantFlow pump = PumpKind.ConstantFlow.of(20_000, 500);
        assertThat(pump.rateUlPerDay(37, 101.325)).isEqualTo(500.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pump.rateUlPerDay(38, 101.325)).isGreaterThan(500.0);
        assertThat(pump.rateUlPerDay(37, 80)).isGreaterThan(pump.rateUlPerDay(38, 101.325));
    }

    @Test
    void aProgrammablePumpCannotRunTheConstantFlowModeNorTheReverse() {
        assertThat(rules(Fixtures.morphine().withMode(new InfusionMode.ConstantFlow()))).contains(PumpRule.PUMP_KIND);
        Prescription cf = constantFlow(PumpKind.ConstantFlow.of(20_000, 500), 1_000)
                .withMode(new InfusionMode.SimpleContinuous(500));
        assertThat(rules(cf)).contains(PumpRule.PUMP_KIND);
    }

    @Test
    void ziconotideStopsAtItsLabelledDailyMaximum() {
        Prescription base = new Prescription(PumpKind.Programmable.synchroMedClass(20_000), Drug.ZICONOTIDE, 100,
                OptionalDouble.empty(), OptionalDouble.empty(), new Catheter(60, 2.2),
                new InfusionMode.SimpleContinuous(19.2), List.of(), Optional.empty(),
                new Reservoir(20_000, 2_000, Fixtures.FILLED, Fixtures.FILLED.plusDays(60)));
        assertThat(rules(base)).isEmpty();
        assertThat(rules(base.withMode(new InfusionMode.SimpleContinuous(19.3)))).containsExactly(PumpRule.DAILY_DOSE);
    }

    // ----------------------------------------------------------------------------------------------------

    static Prescription withMaxDose(Prescription p, double ug) {
        return new Prescription(p.pump(), p.drug(), p.concentrationUgPerMl(), p.previousConcentrationUgPerMl(),
                OptionalDouble.of(ug), p.catheter(), p.mode(), p.startBoluses(), p.patientBolus(), p.reservoir());
    }

    static Prescription withConcentration(Prescription p, double ugPerMl) {
        return new Prescription(p.pump(), p.drug(), ugPerMl, p.previousConcentrationUgPerMl(), p.maxDailyDoseUg(),
                p.catheter(), p.mode(), p.startBoluses(), p.patientBolus(), p.reservoir());
    }

    static Prescription withPrevious(Prescription p, double ugPerMl, List<StartBolus> boluses) {
        return new Prescription(p.pump(), p.drug(), p.concentrationUgPerMl(), OptionalDouble.of(ugPerMl),
                p.maxDailyDoseUg(), p.catheter(), p.mode(), boluses, p.patientBolus(), p.reservoir());
    }

    static Prescription withRefill(Prescription p, int days) {
        return p.withReservoir(new Reservoir(p.reservoir().fillUl(), p.reservoir().lowAlarmUl(), Fixtures.FILLED,
                Fixtures.FILLED.plusDays(days)));
    }

    static Prescription constantFlow(PumpKind.ConstantFlow pump, double concentrationUgPerMl) {
        return new Prescription(pump, Drug.BACLOFEN, concentrationUgPerMl, OptionalDouble.empty(),
                OptionalDouble.empty(), new Catheter(55, 2.2), new InfusionMode.ConstantFlow(), List.of(),
                Optional.empty(), new Reservoir(20_000, 2_000, Fixtures.FILLED, Fixtures.FILLED.plusDays(30)));
    }
}
