package io.dorsal.core.schedule;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.simulation.PhaseCsvWriter;
import io.dorsal.core.simulation.Simulation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Test data for the time-critical tests: therapies built in code or read from examples/, validated, and run
 * through the simulation or a bare scheduler. Every helper either returns what the code under test produced
 * or fails loudly; none of them computes an expected value.
 */
public final class TimelineFixtures {

    public static final long NS_PER_US = 1_000L;
    public static final long NS_PER_MS = 1_000_000L;
    public static final long NS_PER_S = 1_000_000_000L;

    private TimelineFixtures() {
    }

    public static long us(long microseconds) {
        return microseconds * NS_PER_US;
    }

    public static long ms(long milliseconds) {
        return milliseconds * NS_PER_MS;
    }

    public static long s(long seconds) {
        return seconds * NS_PER_S;
    }

    // ------------------------------------------------------------------------------------------------
    // therapies

    /** A file of the project's examples/ folder (tests run in the module's folder). */
    public static Path example(String fileName) {
        return Path.of("..", "examples", fileName).toAbsolutePath().normalize();
    }

    public static Therapy readExample(String fileName) {
        try {
            return ProgramCodec.read(example(fileName));
        } catch (ProgramFileException e) {
            throw new AssertionError("example " + fileName + " does not read: " + e.getMessage(), e);
        }
    }

    /** The therapy, validated; fails the test with every violation if the validator refuses it. */
    public static ValidatedTherapy validated(Therapy therapy) {
        return switch (new SafetyValidator().validate(therapy)) {
            case Validation.Safe safe -> safe.therapy();
            case Validation.Unsafe unsafe -> throw new AssertionError("fixture therapy refused: " + unsafe.violations());
        };
    }

    public static Lead lead(String name, int contacts, double contactAreaMm2) {
        return new Lead(name, contacts, contactAreaMm2);
    }

    /** One 16-contact lead {@code L1} of 6 mm2 contacts, impedance unknown (the device default applies). */
    public static Lead lead16() {
        return lead("L1", 16, 6.0);
    }

    public static Therapy therapy(List<Lead> leads, Program... programs) {
        return new Therapy(leads, List.of(programs), DeviceLimits.DEFAULTS);
    }

    public static Therapy therapy(Program... programs) {
        return therapy(List.of(lead16()), programs);
    }

    public static ProgramBuilder program(String name) {
        return new ProgramBuilder(name);
    }

    /** Builds a {@link Program} field by field; defaults: 1 mA, 200 us, tonic 50 Hz, active recharge with 20 us gap. */
    public static final class ProgramBuilder {
        private String name;
        private final Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        private double amplitudeMa = 1.0;
        private int pulseWidthUs = 200;
        private Pattern pattern = new Pattern.Tonic(50);
        private Recharge recharge = Recharge.Active.symmetric(20);
        private double rampS;
        private Optional<Cycle> cycle = Optional.empty();
        private Optional<PatientRange> patientRange = Optional.empty();

        private ProgramBuilder(String name) {
            this.name = name;
        }

        /** A contact and its share of the amplitude in percent: negative cathode, positive anode. */
        public ProgramBuilder contact(String contact, int percent) {
            electrodes.put(ContactId.parse(contact), percent);
            return this;
        }

        public ProgramBuilder name(String newName) {
            this.name = newName;
            return this;
        }

        public ProgramBuilder amplitudeMa(double value) {
            this.amplitudeMa = value;
            return this;
        }

        public ProgramBuilder pulseWidthUs(int value) {
            this.pulseWidthUs = value;
            return this;
        }

        public ProgramBuilder tonic(int rateHz) {
            this.pattern = new Pattern.Tonic(rateHz);
            return this;
        }

        public ProgramBuilder highFrequency(int rateHz) {
            this.pattern = new Pattern.HighFrequency(rateHz);
            return this;
        }

        public ProgramBuilder burst(int pulsesPerBurst, int intraBurstRateHz, int burstRateHz) {
            this.pattern = new Pattern.Burst(pulsesPerBurst, intraBurstRateHz, burstRateHz);
            return this;
        }

        public ProgramBuilder active(int interphaseGapUs, int ratio) {
            this.recharge = new Recharge.Active(interphaseGapUs, ratio);
            return this;
        }

        public ProgramBuilder active(int interphaseGapUs) {
            return active(interphaseGapUs, 1);
        }

        public ProgramBuilder passive() {
            this.recharge = Recharge.Passive.restOfPeriod();
            return this;
        }

        public ProgramBuilder passive(int windowUs) {
            this.recharge = new Recharge.Passive(OptionalInt.of(windowUs));
            return this;
        }

        public ProgramBuilder rampS(double value) {
            this.rampS = value;
            return this;
        }

        public ProgramBuilder cycle(int onS, int offS) {
            this.cycle = Optional.of(new Cycle(onS, offS));
            return this;
        }

        public ProgramBuilder patientRange(double minMa, double maxMa) {
            this.patientRange = Optional.of(new PatientRange(minMa, maxMa));
            return this;
        }

        public Program build() {
            return new Program(name, electrodes, amplitudeMa, pulseWidthUs, pattern, recharge, rampS, cycle,
                    patientRange);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // running

    /** Every phase the simulation delivers in [0, durationNs). */
    public static List<DeliveredPhase> simulate(ValidatedTherapy therapy, long durationNs) {
        SimulatedOutputStage stage = new SimulatedOutputStage();
        Simulation.run(therapy, durationNs, stage);
        return stage.delivered();
    }

    /** The simulation's CSV for [0, durationNs), header included. */
    public static String simulateCsv(ValidatedTherapy therapy, long durationNs) {
        StringWriter out = new StringWriter();
        Simulation.run(therapy, durationNs, new PhaseCsvWriter(out, 0));
        return out.toString();
    }

    /** A scheduler over the therapy's compiled table with its origin at 0. */
    public static PulseScheduler scheduler(ValidatedTherapy therapy) {
        return new PulseScheduler(PulseTable.compile(therapy), 0);
    }

    /** Every phase a scheduler emits up to {@code untilNs} (inclusive), recorded as delivered phases. */
    public static List<DeliveredPhase> pollAll(PulseScheduler scheduler, long untilNs) {
        SimulatedOutputStage recorder = new SimulatedOutputStage();
        scheduler.poll(untilNs, recorder, Integer.MAX_VALUE);
        return recorder.delivered();
    }

    /**
     * A phase as comparable text: {@code start_us duration_us program kind contact=current ...}, currents to
     * 1e-6 uA, so that two runs can be compared with equals.
     */
    public static String describe(DeliveredPhase phase) {
        StringJoiner text = new StringJoiner(" ");
        text.add(Double.toString(phase.startNs() / (double) NS_PER_US));
        text.add(Double.toString(phase.durationNs() / (double) NS_PER_US));
        text.add(phase.program());
        text.add(phase.kind().name());
        for (int c = 0; c < phase.contacts().size(); c++) {
            text.add(phase.contacts().get(c) + "=" + String.format(java.util.Locale.ROOT, "%.6f",
                    phase.currentsUa()[c]));
        }
        return text.toString();
    }

    public static List<String> describe(List<DeliveredPhase> phases) {
        List<String> out = new ArrayList<>(phases.size());
        for (DeliveredPhase phase : phases) {
            out.add(describe(phase));
        }
        return out;
    }

    /** The phases of one program, in order. */
    public static List<DeliveredPhase> ofProgram(List<DeliveredPhase> phases, String program) {
        return phases.stream().filter(p -> p.program().equals(program)).toList();
    }

    /** The phases of one kind, in order. */
    public static List<DeliveredPhase> ofKind(List<DeliveredPhase> phases, PhaseKind kind) {
        return phases.stream().filter(p -> p.kind() == kind).toList();
    }
}
