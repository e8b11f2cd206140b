package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.SlowMockDigitalOutputProvider;
import io.dorsal.rig.audit.AuditFinding;
import io.dorsal.rig.audit.AuditReport;
import io.dorsal.rig.audit.TraceAudit;
import io.dorsal.rig.audit.TraceCsv;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.sim.SimulatedSpiProvider;
import io.dorsal.testing.Cases;
import io.dorsal.testing.Generators;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The auditor over generated therapies run on the mock rig and a virtual clock that delays one chosen thing: a slow
 * switch-on (ENABLE's write to its active level), a slow switch-off (its write back), or the real-time thread stalled
 * past a deadline (mid-burst, for a burst). Whatever the delay, the rig's trace must keep every rule of
 * {@code rig audit} at the rig's bound, or end in a fault right there (the run's last window, switch-off first, then the
 * discharge): never silently overcharged. A trace that ends past its bound is a run the runner knew had faulted.
 */
class AuditedDelaysPropertyTest {

    private static final PinMap PINS = RigFixtures.examplePins();
    private static final long US = 1_000L;
    /** Each case runs this long in virtual time (a 20 Hz tonic program delivers 8 pulses). */
    private static final long DURATION_NS = 400_000_000L;
    /** The looser overrun bound a mock run may be given ({@code rig run --overrun-bound-us 1000}). */
    private static final long LOOSE_BOUND_US = 1_000;

    enum Kind {
        SLOW_SWITCH_ON("slow switch-on"), SLOW_SWITCH_OFF("slow switch-off"), STALL("thread stalled");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * What to delay: the {@code nth} occurrence of its kind, by {@code ns}, on a rig whose overrun bound is
     * {@code boundUs} (the default 20 us, or the looser 1 ms a mock run may be given).
     */
    record Delay(Kind kind, int nth, long ns, long boundUs) {
    }

    /** A generated program file, what the validator made of it (empty if refused or not renderable), and a delay. */
    record Case(String json, String pattern, Optional<ValidatedTherapy> therapy, Delay delay) {
        @Override
        public String toString() {
            return pattern + ", " + delay.kind().label + " #" + delay.nth() + " by " + delay.ns() / US + " us, bound "
                    + delay.boundUs() + " us: " + json;
        }
    }

    static Case draw(RandomGenerator random) {
        String pattern = Generators.oneOf(random, "tonic", "burst", "highFrequency");
        List<Integer> pair = Generators.distinct(random, 2, r -> Generators.intBetween(r, 0, 7));
        double amplitudeMa = Generators.doubleBetween(random, 0.5, 4.0, 1);
        int pulseWidthUs;
        String timing;
        boolean passive;
        switch (pattern) {
            case "tonic" -> {
                pulseWidthUs = 10 * Generators.intBetween(random, 6, 50);
                timing = "\"rateHz\": " + Generators.intBetween(random, 20, 200) + ", \"pattern\": {\"type\": \"tonic\"}";
                passive = Generators.chance(random, 0.25);
            }
            case "burst" -> {
                pulseWidthUs = 100 * Generators.intBetween(random, 1, 10);
                timing = "\"pattern\": {\"type\": \"burst\", \"pulsesPerBurst\": " + Generators.intBetween(random, 2, 5)
                        + ", \"intraBurstRateHz\": 500, \"burstRateHz\": 40}";
                passive = Generators.chance(random, 0.75);
            }
            default -> {
                int rateHz = Generators.oneOf(random, 1_000, 5_000, 10_000);
                pulseWidthUs = Generators.intBetween(random, 30, rateHz == 10_000 ? 40 : 90);
                timing = "\"rateHz\": " + rateHz + ", \"pattern\": {\"type\": \"highFrequency\"}";
                passive = false;
            }
        }
        String recharge = passive ? "{\"type\": \"passive\"}"
                : "{\"type\": \"active\", \"interphaseGapUs\": " + Generators.intBetween(random, 20, 60) + "}";
        // a soft start: the delays (the first few switch-ons and -offs) then fall in periods whose current rises from
        // zero, where an overrun owes charge at one current and is given back at another
        String ramp = Generators.chance(random, 0.5) ? ", \"rampS\": 1" : "";
        String json = String.format(Locale.ROOT, "{\"leads\": [{\"name\": \"L1\", \"contacts\": 8, \"contactAreaMm2\":"
                + " 6.0, \"impedanceOhm\": 1000}], \"programs\": [{\"name\": \"p\", \"electrodes\": {\"L1.%d\": -100,"
                + " \"L1.%d\": 100}, \"amplitudeMa\": %.1f, \"pulseWidthUs\": %d, %s, \"recharge\": %s%s}]}",
                pair.get(0), pair.get(1), amplitudeMa, pulseWidthUs, timing, recharge, ramp);
        Kind kind = Generators.oneOf(random, Kind.values());
        long boundUs = Generators.chance(random, 0.3) ? LOOSE_BOUND_US : TraceAudit.DEFAULT_BOUND_US;
        // at the loose bound, overruns longer than half a recharge, which take the runner several periods to return
        long ns = US * (boundUs == LOOSE_BOUND_US ? Generators.oneOf(random, 60L, 150L, 300L, 600L, 900L, 2_000L)
                : Generators.oneOf(random, 3L, 15L, 19L, 25L, 60L, 300L, 2_000L, 30_000L));
        int nth = kind == Kind.STALL ? Generators.intBetween(random, 2, 120) : Generators.intBetween(random, 1, 8);
        return new Case(json, pattern, validated(json), new Delay(kind, nth, ns, boundUs));
    }

    private static Optional<ValidatedTherapy> validated(String json) {
        try {
            if (new SafetyValidator().validate(ProgramCodec.read(json)) instanceof Validation.Safe safe
                    && RigRun.renderProblems(safe.therapy(), PINS).isEmpty()) {
                return Optional.of(safe.therapy());
            }
            return Optional.empty();
        } catch (ProgramFileException e) {
            throw new AssertionError(e.describe(), e);
        }
    }

    /** The run's report and the audit of its trace at the rig's bound. */
    record Outcome(RunReport report, AuditReport audit, boolean delayed, boolean everyLineSafe, List<String> csv) {

        /** The trace's rows from a few ms before the first finding (or its start), for a failure message. */
        String around() {
            long from = audit.findings().isEmpty() ? 0 : audit.findings().get(0).tUs() - 30_000;
            return String.join("\n", csv.stream().skip(1).filter(l -> Long.parseLong(l.split(",")[0]) >= from)
                    .limit(60).toList());
        }
    }

    static Outcome run(ValidatedTherapy therapy, Delay delay) throws IOException {
        VirtualClock clock = new VirtualClock(0);
        SlowMockDigitalOutputProvider outputs = new SlowMockDigitalOutputProvider(clock);
        Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(outputs, MockPwmProvider.newInstance(), new SimulatedSpiProvider()).build();
        try {
            Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS,
                    RigRun.MIN_PWM_INTERVAL_NS);
            LineTrace trace = new LineTrace(stage.traceLineNames(), 0, 400_000);
            stage.startTrace(trace, 0);
            PulseGenerator generator = new PulseGenerator(clock, stage);
            assertThat(generator.apply(therapy.therapy(), "test").applied()).isTrue();
            generator.start("test");
            VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
            boolean[] stalled = {false};
            int[] deadlines = {0};
            IdleStrategy idle = virtual;
            int enableBcm = PINS.enable().bcm();
            int active = PINS.enable().activeLevel();
            switch (delay.kind()) {
                case SLOW_SWITCH_ON -> outputs.slowWrite(enableBcm, active, delay.nth(), delay.ns());
                case SLOW_SWITCH_OFF -> outputs.slowWrite(enableBcm, 1 - active, delay.nth(), delay.ns());
                case STALL -> idle = (now, deadline) -> {
                    if (!stalled[0] && deadline != Long.MAX_VALUE && deadline > now
                            && ++deadlines[0] == delay.nth()) {
                        // the thread woke this late for this deadline
                        stalled[0] = true;
                        clock.setNs(deadline + delay.ns());
                    } else {
                        virtual.idle(now, deadline);
                    }
                };
            }
            RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, idle,
                    RunnerSettings.DEFAULTS.withOverrunBoundNs(delay.boundUs() * US));
            runner.endAt(DURATION_NS);
            runner.run();
            assertThat(trace.dropped()).isZero();
            StringWriter csv = new StringWriter();
            trace.writeCsv(csv);
            AuditReport audit = new TraceAudit(PINS, therapy, delay.boundUs())
                    .audit(TraceCsv.parse(csv.toString().lines().toList()));
            return new Outcome(runner.report(), audit, outputs.fired() || stalled[0], RigRun.allSafe(stage, PINS),
                    csv.toString().lines().toList());
        } finally {
            pi4j.shutdown();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDelayedRunAuditsCleanOrFaultsRightThere() {
        return Cases.of(AuditedDelaysPropertyTest::draw).count(120).maxDiscardRatio(10)
                .where(c -> c.therapy().isPresent())
                .classify(c -> List.of(c.pattern() + (c.delay().kind() == Kind.STALL && c.pattern().equals("burst")
                                ? " (stall mid-burst)" : ""), c.delay().kind().label,
                        c.delay().ns() > c.delay().boundUs() * US ? "past the bound" : "within the bound",
                        c.delay().boundUs() == LOOSE_BOUND_US ? "1 ms bound" : "20 us bound",
                        c.json().contains("rampS") ? "soft start" : "full amplitude from the first pulse"))
                .requireAtLeast("slow switch-off", 20)
                .requireAtLeast("past the bound", 25)
                .requireAtLeast("burst", 20)
                .requireAtLeast("soft start", 30)
                .requireAtLeast("1 ms bound", 15)
                .check(c -> {
                    Outcome o = run(c.therapy().orElseThrow(), c.delay());

                    assertThat(o.delayed()).as("the chosen delay happened: %s", c).isTrue();
                    // a recharge switched off late within the bound is no exception any more: the runner carries
                    // the excess into the next recharge, and the auditor judges the two periods together
                    List<AuditFinding> findings = o.audit().findings();
                    assertThat(findings).as("%s%n%s%n%s", c, o.report(), o.around()).isEmpty();
                    assertThat(o.everyLineSafe()).as("every line safe at the end").isTrue();
                    if (o.audit().endedInFault()) {
                        // the trace ends past its bound: the runner knew, and faulted there
                        assertThat(o.report().fault()).as("%s%n%s", c, o.report()).isPresent();
                    }
                });
    }
}
