package io.dorsal.infusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.firmware.BolusResult;
import io.dorsal.infusion.firmware.PumpEvent;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.Reservoir;
import io.dorsal.infusion.pump.PumpKind;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants of the firmware over generated prescriptions (seeded; a failure prints the case's seed). Expected
 * figures are worked out here from the prescription (dose / concentration, minutes x rate), not with the plan.
 */
class PumpPropertiesTest {

    private static final long MS_PER_DAY = DeliveryPlan.MS_PER_DAY;

    /** A programmable-pump prescription the validator accepts: continuous or flexible, maybe a patient bolus. */
    static Prescription prescription(RandomGenerator r) {
        Drug drug = Drug.values()[r.nextInt(Drug.values().length)];
        double concentration = drug.maxConcentrationUgPerMl() * (0.05 + 0.95 * r.nextDouble());
        double maxDose = drug.maxDailyDoseUg();
        double minDose = PumpKind.Programmable.MIN_RATE_UL_PER_DAY * concentration / 1000.0;
        InfusionMode mode;
        double top = Math.min(maxDose * 0.6, 5_000 * concentration / 1000.0);
        if (r.nextBoolean() || top <= minDose * 1.1) {
            mode = new InfusionMode.SimpleContinuous(Math.max(minDose * 1.01, top * r.nextDouble()));
        } else {
            int n = 1 + r.nextInt(6);
            List<InfusionMode.Step> steps = new ArrayList<>();
            int minute = 0;
            for (int i = 0; i < n && minute < 1440; i++) {
                steps.add(new InfusionMode.Step(minute, minDose * 1.01 + (top - minDose * 1.01) * r.nextDouble()));
                minute += 1 + r.nextInt(400);
            }
            mode = new InfusionMode.FlexibleDosing(steps);
        }
        Optional<PatientBolus> bolus = Optional.empty();
        if (r.nextBoolean()) {
            int lockout = 10 + r.nextInt(240);
            bolus = Optional.of(new PatientBolus(maxDose * 0.02 * (0.1 + r.nextDouble()), 1 + r.nextInt(10), lockout,
                    1 + r.nextInt(Math.min(8, 1440 / lockout))));
        }
        double fill = 2_000 + r.nextDouble() * 18_000;
        return new Prescription(PumpKind.Programmable.synchroMedClass(20_000), drug, concentration,
                OptionalDouble.empty(), OptionalDouble.empty(), new Catheter(60, 2.2), mode, List.of(), bolus,
                new Reservoir(fill, 500 + r.nextDouble() * (fill - 600), Fixtures.FILLED, Fixtures.FILLED.plusDays(1)));
    }

    private static boolean safe(Prescription p) {
        return new PrescriptionValidator().validate(p) instanceof PumpValidation.Safe;
    }

    /** The day's volume the prescription asks for, from its steps. */
    private static double expectedDailyUl(Prescription p) {
        return switch (p.mode()) {
            case InfusionMode.SimpleContinuous c -> c.doseUgPerDay() * 1000 / p.concentrationUgPerMl();
            case InfusionMode.FlexibleDosing f -> {
                double total = 0;
                for (int i = 0; i < f.steps().size(); i++) {
                    int end = i + 1 < f.steps().size() ? f.steps().get(i + 1).startMinute() : 1440;
                    total += f.steps().get(i).doseUgPerDay() * 1000 / p.concentrationUgPerMl()
                            * (end - f.steps().get(i).startMinute()) / 1440.0;
                }
                yield total;
            }
            default -> throw new IllegalStateException();
        };
    }

    @TestFactory
    Stream<DynamicTest> deliversEachDaysPrescribedVolumeWithinOneStroke() {
        return Cases.of(PumpPropertiesTest::prescription).count(200)
                .where(p -> safe(p.withPatientBolus(Optional.empty()).withReservoir(bigFill(p))))
                .check(generated -> {
                    Prescription p = generated.withPatientBolus(Optional.empty()).withReservoir(bigFill(generated));
                    VirtualClock clock = new VirtualClock();
                    PumpFirmware pump = new PumpFirmware(clock);
                    pump.fill(p);
                    double expected = expectedDailyUl(p);
                    double before = 0;
                    for (int day = 1; day <= 3; day++) {
                        clock.setNs(day * MS_PER_DAY * 1_000_000L);
                        pump.poll();
                        assertThat(pump.deliveredUl() - before).as("day %d", day)
                                .isCloseTo(expected, within(PumpKind.Programmable.STROKE_UL + 1e-6));
                        before = pump.deliveredUl();
                    }
                });
    }

    private static Reservoir bigFill(Prescription p) {
        return new Reservoir(20_000, 500, Fixtures.FILLED, Fixtures.FILLED.plusDays(1));
    }

    @TestFactory
    Stream<DynamicTest> neverGivesABolusInsideTheLockoutNorMoreThanAllowedInADay() {
        return Cases.of(r -> new Object[] {prescription(r), r.nextLong()}).count(200)
                .where(c -> ((Prescription) c[0]).patientBolus().isPresent()
                        && safe(((Prescription) c[0]).withReservoir(bigFill((Prescription) c[0]))))
                .check(c -> {
                    Prescription p = ((Prescription) c[0]).withReservoir(bigFill((Prescription) c[0]));
                    RandomGenerator requests = new java.util.SplittableRandom((Long) c[1]);
                    VirtualClock clock = new VirtualClock();
                    PumpFirmware pump = new PumpFirmware(clock);
                    pump.fill(p);
                    PatientBolus b = p.patientBolus().orElseThrow();
                    List<Long> given = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        clock.advanceNs((1 + requests.nextInt(180)) * 60_000L * 1_000_000L);
                        if (pump.requestBolus() instanceof BolusResult.Given) {
                            given.add(pump.nowMs());
                        }
                    }
                    for (int i = 1; i < given.size(); i++) {
                        assertThat(given.get(i) - given.get(i - 1)).isGreaterThanOrEqualTo(b.lockoutMin() * 60_000L);
                    }
                    for (int i = b.maxPerDay(); i < given.size(); i++) {
                        assertThat(given.get(i) - given.get(i - b.maxPerDay())).isGreaterThanOrEqualTo(MS_PER_DAY);
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> raisesTheLowReservoirAndEmptyAlarmsAtTheComputedTimes() {
        return Cases.of(PumpPropertiesTest::prescription).count(200)
                .where(p -> p.mode() instanceof InfusionMode.SimpleContinuous
                        && safe(p.withPatientBolus(Optional.empty())))
                .check(generated -> {
                    Prescription p = generated.withPatientBolus(Optional.empty());
                    double rate = expectedDailyUl(p);
                    double stroke = PumpKind.Programmable.STROKE_UL;
                    double strokesToLow = Math.ceil((p.reservoir().fillUl() - p.reservoir().lowAlarmUl()) / stroke - 1e-9);
                    double strokesToEmpty = Math.floor(p.reservoir().fillUl() / stroke + 1e-9);
                    long lowAtMs = (long) Math.ceil(strokesToLow * stroke / rate * MS_PER_DAY);
                    long emptyAtMs = (long) Math.ceil(strokesToEmpty * stroke / rate * MS_PER_DAY);
                    VirtualClock clock = new VirtualClock();
                    PumpFirmware pump = new PumpFirmware(clock);
                    pump.fill(p);
                    clock.setNs((emptyAtMs + MS_PER_DAY) * 1_000_000L);
                    pump.poll();
                    assertThat(first(pump, "alarm_low_reservoir")).isCloseTo(lowAtMs, within(2L));
                    assertThat(first(pump, "alarm_empty")).isCloseTo(emptyAtMs, within(2L));
                    assertThat(pump.delivering()).isFalse();
                });
    }

    private static long first(PumpFirmware pump, String name) {
        return pump.events().stream().filter(e -> e.name().equals(name)).mapToLong(PumpEvent::timeMs).findFirst()
                .orElse(-1);
    }
}
