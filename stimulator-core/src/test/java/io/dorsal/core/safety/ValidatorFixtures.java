package io.dorsal.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Test data for the safety validator: a baseline therapy that passes every rule, and builders that change one
 * thing at a time so that each test provokes exactly the rule it names.
 *
 * <p>Baseline: one lead {@code L1} of 8 contacts of 6 mm2 with no stated impedance (so the device default,
 * 1,000 ohm, applies), and a program {@code p1}: {@code L1.0} -100%, {@code L1.1} +100%, 1 mA, 200 us, tonic
 * 50 Hz, symmetric active recharge after a 20 us gap, no ramp, no cycling, no patient range.
 */
final class ValidatorFixtures {

    static final String LEAD = "L1";
    static final int CONTACTS = 8;
    static final double AREA_MM2 = 6.0;

    private ValidatorFixtures() {
    }

    static ContactId contact(String name) {
        return ContactId.parse(name);
    }

    static Lead lead(String name, int contacts, double areaMm2) {
        return new Lead(name, contacts, areaMm2);
    }

    static Lead lead(String name, int contacts, double areaMm2, double impedanceOhm) {
        return new Lead(name, contacts, areaMm2, OptionalDouble.of(impedanceOhm), Map.of());
    }

    static Lead lead(String name, int contacts, double areaMm2, OptionalDouble impedanceOhm,
                     Map<Integer, Double> contactImpedanceOhm) {
        return new Lead(name, contacts, areaMm2, impedanceOhm, contactImpedanceOhm);
    }

    /** The baseline lead on coupling capacitors of its own. */
    static Lead leadWithCoupling(double couplingCapacitanceUf) {
        return new Lead(LEAD, CONTACTS, AREA_MM2, OptionalDouble.empty(), Map.of(),
                OptionalDouble.of(couplingCapacitanceUf));
    }

    /** The baseline lead: L1, 8 contacts of 6 mm2, impedance unknown. */
    static Lead baselineLead() {
        return lead(LEAD, CONTACTS, AREA_MM2);
    }

    static ProgramBuilder program() {
        return new ProgramBuilder("p1");
    }

    static ProgramBuilder program(String name) {
        return new ProgramBuilder(name);
    }

    static TherapyBuilder therapy() {
        return new TherapyBuilder();
    }

    /** The baseline therapy with one program. */
    static Therapy therapyWith(ProgramBuilder program) {
        return therapy().program(program).build();
    }

    /** The device limits with one component (by its record name) replaced. */
    static DeviceLimits limitsWith(String component, Number value) {
        return limitsWith(DeviceLimits.DEFAULTS, component, value);
    }

    static DeviceLimits limitsWith(DeviceLimits base, String component, Number value) {
        RecordComponent[] components = DeviceLimits.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(component)) {
                    args[i] = types[i] == int.class ? (Object) value.intValue() : (Object) value.doubleValue();
                    found = true;
                } else {
                    args[i] = components[i].getAccessor().invoke(base);
                }
            }
            if (!found) {
                throw new IllegalArgumentException("DeviceLimits has no component " + component);
            }
            return DeviceLimits.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // verdicts

    /** Asserts the therapy is safe, showing the violations when it is not, and returns what the validator made. */
    static ValidatedTherapy assertSafe(Validation validation) {
        assertThat(validation)
                .as(() -> "expected safe, got " + violations(validation))
                .isInstanceOf(Validation.Safe.class);
        return ((Validation.Safe) validation).therapy();
    }

    static List<Violation> violations(Validation validation) {
        return switch (validation) {
            case Validation.Safe s -> List.of();
            case Validation.Unsafe u -> u.violations();
        };
    }

    /** Asserts the therapy breaks exactly one rule, once, and returns that violation. */
    static Violation onlyViolation(Validation validation, SafetyRule rule) {
        List<Violation> violations = violations(validation);
        assertThat(violations).as("violations").extracting(Violation::rule).containsExactly(rule);
        return violations.get(0);
    }

    /** Asserts the therapy breaks at least the given rule and returns the first violation of it. */
    static Violation violationOf(Validation validation, SafetyRule rule) {
        List<Violation> violations = violations(validation);
        assertThat(violations).as("violations").extracting(Violation::rule).contains(rule);
        return violations.stream().filter(v -> v.rule() == rule).findFirst().orElseThrow();
    }

    // ----------------------------------------------------------------------------------------------------

    /** A program, baseline unless told otherwise. */
    static final class ProgramBuilder {
        private String name;
        private Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        private double amplitudeMa = 1.0;
        private int pulseWidthUs = 200;
        private Pattern pattern = new Pattern.Tonic(50);
        private Recharge recharge = Recharge.Active.symmetric(Recharge.DEFAULT_INTERPHASE_GAP_US);
        private double rampS;
        private Optional<Cycle> cycle = Optional.empty();
        private Optional<PatientRange> patientRange = Optional.empty();

        ProgramBuilder(String name) {
            this.name = name;
            electrodes.put(contact("L1.0"), -100);
            electrodes.put(contact("L1.1"), 100);
        }

        ProgramBuilder name(String newName) {
            this.name = newName;
            return this;
        }

        /** Contacts and percentages in pairs: {@code electrodes("L1.0", -100, "CASE", 100)}. */
        ProgramBuilder electrodes(Object... namesAndPercents) {
            if (namesAndPercents.length % 2 != 0) {
                throw new IllegalArgumentException("pairs of contact name and percentage");
            }
            electrodes = new LinkedHashMap<>();
            for (int i = 0; i < namesAndPercents.length; i += 2) {
                electrodes.put(contact((String) namesAndPercents[i]), (Integer) namesAndPercents[i + 1]);
            }
            return this;
        }

        ProgramBuilder amplitudeMa(double value) {
            this.amplitudeMa = value;
            return this;
        }

        ProgramBuilder pulseWidthUs(int value) {
            this.pulseWidthUs = value;
            return this;
        }

        ProgramBuilder tonic(int rateHz) {
            this.pattern = new Pattern.Tonic(rateHz);
            return this;
        }

        ProgramBuilder highFrequency(int rateHz) {
            this.pattern = new Pattern.HighFrequency(rateHz);
            return this;
        }

        ProgramBuilder burst(int pulsesPerBurst, int intraBurstRateHz, int burstRateHz) {
            this.pattern = new Pattern.Burst(pulsesPerBurst, intraBurstRateHz, burstRateHz);
            return this;
        }

        ProgramBuilder active(int interphaseGapUs, int ratio) {
            this.recharge = new Recharge.Active(interphaseGapUs, ratio);
            return this;
        }

        /** Passive recharge for the rest of the period. */
        ProgramBuilder passive() {
            this.recharge = Recharge.Passive.restOfPeriod();
            return this;
        }

        ProgramBuilder passive(int windowUs) {
            this.recharge = new Recharge.Passive(OptionalInt.of(windowUs));
            return this;
        }

        ProgramBuilder rampS(double value) {
            this.rampS = value;
            return this;
        }

        ProgramBuilder cycle(int onS, int offS) {
            this.cycle = Optional.of(new Cycle(onS, offS));
            return this;
        }

        ProgramBuilder patientRange(double minMa, double maxMa) {
            this.patientRange = Optional.of(new PatientRange(minMa, maxMa));
            return this;
        }

        Program build() {
            return new Program(name, electrodes, amplitudeMa, pulseWidthUs, pattern, recharge, rampS, cycle,
                    patientRange);
        }
    }

    /** A therapy: the baseline lead unless leads are given, the programs added, the device defaults. */
    static final class TherapyBuilder {
        private List<Lead> leads = new ArrayList<>(List.of(baselineLead()));
        private final List<Program> programs = new ArrayList<>();
        private DeviceLimits limits = DeviceLimits.DEFAULTS;

        TherapyBuilder leads(Lead... newLeads) {
            this.leads = new ArrayList<>(List.of(newLeads));
            return this;
        }

        TherapyBuilder addLead(Lead lead) {
            this.leads.add(lead);
            return this;
        }

        TherapyBuilder program(ProgramBuilder program) {
            this.programs.add(program.build());
            return this;
        }

        TherapyBuilder limits(DeviceLimits newLimits) {
            this.limits = newLimits;
            return this;
        }

        Therapy build() {
            return new Therapy(leads, programs, limits);
        }
    }
}
