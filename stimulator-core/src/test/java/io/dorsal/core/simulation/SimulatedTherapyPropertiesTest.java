package io.dorsal.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.GeneratedTherapies;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.TimelineFixtures;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whatever therapy the validator accepts, what the simulation delivers obeys the physics: currents sum to zero,
 * every pulse (or burst with passive recharge) is charge balanced on every contact, no two phases overlap and
 * different programs keep their quiet gap, no period is cut or skipped, and every contact stays within its
 * current, charge density, Shannon and compliance limits. Every figure here is worked out from the therapy's
 * records and the delivered currents, never read back from the pulse table.
 */
class SimulatedTherapyPropertiesTest {

    /** Residual charge allowed per contact per balanced unit, per microsecond of its period (1 nA average). */
    private static final double BALANCE_PC_PER_US = 1e-3;
    /** Floating point slack on currents (uA) and on the dose figures the validator compares with 1e-6. */
    private static final double CURRENT_SLACK_UA = 1e-6;
    private static final double DOSE_SLACK = 1e-6;
    private static final double MM2_PER_CM2 = 100.0;
    private static final long MIN_WINDOW_NS = TimelineFixtures.ms(20);
    private static final long MAX_WINDOW_NS = TimelineFixtures.ms(1200);

    /** 250 accepted therapies (before: 250 drawn, discards included); the mix of shapes is printed. */
    @TestFactory
    Stream<DynamicTest> everyDeliveredPhaseObeysThePhysicsAndTheLimits() {
        return Cases.of(GeneratedTherapies::therapy).count(250).maxDiscardRatio(20)
                .where(t -> new SafetyValidator().validate(t) instanceof Validation.Safe)
                .classify(SimulatedTherapyPropertiesTest::labels)
                .check(SimulatedTherapyPropertiesTest::obeysThePhysicsAndTheLimits);
    }

    private static void obeysThePhysicsAndTheLimits(Therapy therapy) {
        Validation validation = new SafetyValidator().validate(therapy);
        ValidatedTherapy validated = ((Validation.Safe) validation).therapy();
        long windowNs = windowNs(therapy);

        List<DeliveredPhase> phases = TimelineFixtures.simulate(validated, windowNs);

        assertThat(phases).as("phases delivered in %d ns", windowNs).isNotEmpty();
        startsNeverGoBack(phases);
        currentsSumToZeroInEveryPhase(phases);
        phasesNeverOverlapAndProgramsKeepTheirGap(phases, therapy.limits());
        contactsStayWithinCurrentDensityShannonAndCompliance(phases, therapy);
        for (Program program : therapy.programs()) {
            everyPeriodIsWholeAndBalanced(TimelineFixtures.ofProgram(phases, program.name()), program, windowNs);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static void startsNeverGoBack(List<DeliveredPhase> phases) {
        for (int i = 1; i < phases.size(); i++) {
            assertThat(phases.get(i).startNs()).as("start of phase %d after %s", i, phases.get(i - 1))
                    .isGreaterThanOrEqualTo(phases.get(i - 1).startNs());
        }
    }

    private static void currentsSumToZeroInEveryPhase(List<DeliveredPhase> phases) {
        for (DeliveredPhase phase : phases) {
            double sumUa = 0;
            for (double ua : phase.currentsUa()) {
                sumUa += ua;
            }
            assertThat(sumUa).as("sum of contact currents in %s", phase).isCloseTo(0.0,
                    within(CURRENT_SLACK_UA));
        }
    }

    private static void phasesNeverOverlapAndProgramsKeepTheirGap(List<DeliveredPhase> phases, DeviceLimits limits) {
        long gapNs = TimelineFixtures.us(limits.minProgramGapUs());
        long latestEndNs = Long.MIN_VALUE;
        Map<String, Long> lastEndByProgram = new HashMap<>();
        for (DeliveredPhase phase : phases) {
            assertThat(phase.startNs()).as("%s starts before an earlier phase ended", phase)
                    .isGreaterThanOrEqualTo(latestEndNs);
            for (Map.Entry<String, Long> other : lastEndByProgram.entrySet()) {
                if (!other.getKey().equals(phase.program())) {
                    assertThat(phase.startNs() - other.getValue())
                            .as("quiet time between program %s and %s", other.getKey(), phase)
                            .isGreaterThanOrEqualTo(gapNs);
                }
            }
            latestEndNs = Math.max(latestEndNs, phase.endNs());
            lastEndByProgram.put(phase.program(), phase.endNs());
        }
    }

    private static void contactsStayWithinCurrentDensityShannonAndCompliance(List<DeliveredPhase> phases,
                                                                            Therapy therapy) {
        DeviceLimits limits = therapy.limits();
        Map<String, Recharge> recharges = new HashMap<>();
        therapy.programs().forEach(p -> recharges.put(p.name(), p.recharge()));
        for (DeliveredPhase phase : phases) {
            // Q = I x pulse width applies to the driven phases: stimulation, and active recharge (same charge).
            // A passive window returns a whole burst's charge by capacitor discharge, at a lower current.
            boolean driven = phase.kind() == PhaseKind.STIM || recharges.get(phase.program()) instanceof Recharge.Active;
            double durationUs = phase.durationNs() / (double) TimelineFixtures.NS_PER_US;
            for (int c = 0; c < phase.contacts().size(); c++) {
                ContactId contact = phase.contacts().get(c);
                double currentUa = Math.abs(phase.currentsUa()[c]);
                assertThat(currentUa).as("current on %s in %s", contact, phase)
                        .isLessThanOrEqualTo(limits.maxContactCurrentMa() * 1000.0 + CURRENT_SLACK_UA);
                double volts = currentUa * 1e-6 * impedanceOhm(therapy, contact);
                assertThat(volts).as("drive voltage on %s in %s", contact, phase)
                        .isLessThanOrEqualTo(limits.complianceVoltageV() + DOSE_SLACK);
                if (driven && currentUa > 0) {
                    double chargeUc = currentUa * durationUs * 1e-6;
                    double densityUcPerCm2 = chargeUc / (areaMm2(therapy, contact) / MM2_PER_CM2);
                    assertThat(densityUcPerCm2).as("charge density on %s in %s", contact, phase)
                            .isLessThanOrEqualTo(limits.maxChargeDensityUcPerCm2() + DOSE_SLACK);
                    assertThat(Math.log10(densityUcPerCm2) + Math.log10(chargeUc))
                            .as("Shannon k on %s in %s", contact, phase)
                            .isLessThanOrEqualTo(limits.maxShannonK() + DOSE_SLACK);
                }
            }
        }
    }

    /**
     * Groups a program's phases into its periods (from its first phase, every period of the rate), then: no
     * period is missing, every period but the one the window cuts has all its phases, and every whole period
     * returns on each contact the charge it drove.
     */
    private static void everyPeriodIsWholeAndBalanced(List<DeliveredPhase> phases, Program program, long windowNs) {
        assertThat(phases).as("phases of program %s", program.name()).isNotEmpty();
        long periodNs = TimelineFixtures.us(periodUs(program.pattern()));
        long firstNs = phases.get(0).startNs();
        assertThat(phases.get(0).kind()).as("first phase of %s", program.name()).isEqualTo(PhaseKind.STIM);
        assertThat(firstNs).as("first start of %s within its first period", program.name())
                .isGreaterThanOrEqualTo(0).isLessThan(periodNs);

        TreeMap<Long, List<DeliveredPhase>> periods = new TreeMap<>();
        for (DeliveredPhase phase : phases) {
            periods.computeIfAbsent(Math.floorDiv(phase.startNs() - firstNs, periodNs), k -> new ArrayList<>())
                    .add(phase);
        }
        long lastPeriod = periods.lastKey();
        assertThat(periods.keySet()).as("periods of %s", program.name()).hasSize((int) lastPeriod + 1);
        assertThat(firstNs + (lastPeriod + 1) * periodNs).as("no period of %s missing at the window's end",
                program.name()).isGreaterThanOrEqualTo(windowNs);

        int phasesPerPeriod = phasesPerPeriod(program);
        for (Map.Entry<Long, List<DeliveredPhase>> period : periods.entrySet()) {
            List<DeliveredPhase> inPeriod = period.getValue();
            boolean whole = inPeriod.size() == phasesPerPeriod;
            if (period.getKey() < lastPeriod) {
                assertThat(inPeriod).as("period %d of %s", period.getKey(), program.name()).hasSize(phasesPerPeriod);
            }
            if (whole) {
                Map<ContactId, Double> chargePc = new HashMap<>();
                for (DeliveredPhase phase : inPeriod) {
                    double durationUs = phase.durationNs() / (double) TimelineFixtures.NS_PER_US;
                    for (int c = 0; c < phase.contacts().size(); c++) {
                        chargePc.merge(phase.contacts().get(c), phase.currentsUa()[c] * durationUs, Double::sum);
                    }
                }
                double tolerancePc = BALANCE_PC_PER_US * periodNs / TimelineFixtures.NS_PER_US;
                chargePc.forEach((contact, pc) -> assertThat(Math.abs(pc))
                        .as("charge left on %s by period %d of %s", contact, period.getKey(), program.name())
                        .isLessThanOrEqualTo(tolerancePc));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // the physics, from the records

    /** A period is the timer's whole microseconds: round(1e6 / rate). */
    private static long periodUs(Pattern pattern) {
        int rateHz = switch (pattern) {
            case Pattern.Tonic t -> t.rateHz();
            case Pattern.HighFrequency h -> h.rateHz();
            case Pattern.Burst b -> b.burstRateHz();
        };
        return Math.round(1e6 / rateHz);
    }

    /** Stimulation phases, plus a recharge after each (active) or one after the pulse or burst (passive). */
    private static int phasesPerPeriod(Program program) {
        int pulses = program.pattern() instanceof Pattern.Burst b ? b.pulsesPerBurst() : 1;
        return switch (program.recharge()) {
            case Recharge.Active a -> 2 * pulses;
            case Recharge.Passive p -> pulses + 1;
        };
    }

    private static double impedanceOhm(Therapy therapy, ContactId contact) {
        if (contact.isCase()) {
            return therapy.limits().defaultImpedanceOhm();
        }
        Lead lead = therapy.lead(contact.lead()).orElseThrow();
        return lead.impedanceOhmOf(contact.index()).orElse(therapy.limits().defaultImpedanceOhm());
    }

    private static double areaMm2(Therapy therapy, ContactId contact) {
        return contact.isCase() ? ContactDose.CASE_AREA_MM2
                : therapy.lead(contact.lead()).orElseThrow().contactAreaMm2();
    }

    /** Three of the longest period, so every program shows whole periods, within 20 ms to 1.2 s. */
    private static long windowNs(Therapy therapy) {
        long longestUs = therapy.programs().stream().mapToLong(p -> periodUs(p.pattern())).max().orElseThrow();
        return Math.min(MAX_WINDOW_NS, Math.max(MIN_WINDOW_NS, 3 * TimelineFixtures.us(longestUs)));
    }

    /** What the case exercises, counted over the run and printed. */
    private static List<String> labels(Therapy therapy) {
        List<String> labels = new ArrayList<>();
        labels.add("programs " + therapy.programs().size());
        for (Program program : therapy.programs()) {
            labels.add("shape " + program.pattern().typeName() + "/" + program.recharge().typeName());
            labels.add("soft start " + (program.rampS() > 0));
            if (program.recharge() instanceof Recharge.Passive passive) {
                labels.add("passive window shorter than its stimulation (recharge above stim current) "
                        + (passiveWindowUs(program, passive) < stimulationUs(program)));
            }
        }
        return labels;
    }

    private static long stimulationUs(Program program) {
        int pulses = program.pattern() instanceof Pattern.Burst b ? b.pulsesPerBurst() : 1;
        return (long) pulses * program.pulseWidthUs();
    }

    private static long passiveWindowUs(Program program, Recharge.Passive passive) {
        if (passive.windowUs().isPresent()) {
            return passive.windowUs().getAsInt();
        }
        long lastPulseEndUs = program.pulseWidthUs();
        if (program.pattern() instanceof Pattern.Burst b) {
            lastPulseEndUs += (b.pulsesPerBurst() - 1) * Math.round(1e6 / b.intraBurstRateHz());
        }
        return periodUs(program.pattern()) - lastPulseEndUs;
    }
}
