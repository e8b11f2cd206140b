package io.dorsal.core.file;

import static io.dorsal.testing.Generators.chance;
import static io.dorsal.testing.Generators.distinct;
import static io.dorsal.testing.Generators.doubleBetween;
import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.oneOf;
import static io.dorsal.testing.Generators.optional;
import static io.dorsal.testing.Generators.string;
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
import io.dorsal.testing.Cases;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** What the codec writes, it reads back as the same therapy: the examples, and any therapy the records can hold. */
class ProgramCodecRoundTripTest {

    @Test
    void writesTheExamplesSoThatTheyReadBackEqual() throws ProgramFileException {
        for (String example : List.of("two-programs.json", "burst.json")) {
            // given
            Therapy original = ProgramCodec.read(Examples.path(example));

            // when
            Therapy again = ProgramCodec.read(ProgramCodec.write(original));

            // then
            assertThat(again).as(example).isEqualTo(original);
        }
    }

    @Test
    void writesToAFileAndReadsItBack(@TempDir Path dir) throws IOException, ProgramFileException {
        Therapy original = ProgramCodec.read(Examples.path("two-programs.json"));
        Path file = dir.resolve("copy.json");

        ProgramCodec.write(original, file);

        assertThat(ProgramCodec.read(file)).isEqualTo(original);
    }

    @Test
    void writesOnlyTheLimitsThatDifferFromTheDevice() throws ProgramFileException {
        // given the burst example with a stricter Shannon k
        Therapy burst = ProgramCodec.read(Examples.path("burst.json"));
        DeviceLimits strict = withLimit(DeviceLimits.DEFAULTS, "maxShannonK", 1.5);
        Therapy tightened = new Therapy(burst.leads(), burst.programs(), strict);

        // when
        String withDefaults = ProgramCodec.write(burst);
        String withStrict = ProgramCodec.write(tightened);

        // then
        assertThat(withDefaults).doesNotContain("limits");
        assertThat(withStrict).contains("\"maxShannonK\"").doesNotContain("maxAmplitudeMa");
        assertThat(ProgramCodec.read(withStrict).limits()).isEqualTo(strict);
    }

    /** 1000 therapies (300 before). */
    @TestFactory
    Stream<DynamicTest> readsBackWhatItWrites() {
        return Cases.of(ProgramCodecRoundTripTest::therapy).count(1000).check(therapy -> {
            // when
            String text = ProgramCodec.write(therapy);
            Therapy again = ProgramCodec.read(text);

            // then
            assertThat(again).isEqualTo(therapy);
            for (int p = 0; p < therapy.programs().size(); p++) {
                assertThat(List.copyOf(again.programs().get(p).electrodes().keySet())).as("contact order")
                        .containsExactlyElementsOf(therapy.programs().get(p).electrodes().keySet());
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // generators: anything the records hold and a file can say, safe or not (safety is the validator's work)

    private static final List<String> LEAD_NAMES = List.of("L1", "L2", "lead_3", "Paddle-4");
    private static final String NAME_CHARS;

    static {
        StringBuilder chars = new StringBuilder("\u00e9\u00b5\t");
        for (char c = ' '; c <= '~'; c++) {
            chars.append(c);
        }
        NAME_CHARS = chars.toString();
    }

    static Therapy therapy(RandomGenerator random) {
        List<String> names = LEAD_NAMES.subList(0, intBetween(random, 1, 4));
        List<Lead> leads = names.stream().map(name -> lead(random, name)).toList();
        List<Program> programs = listOf(random, 1, 4, r -> program(r, names));
        return new Therapy(leads, programs, limits(random));
    }

    private static Lead lead(RandomGenerator random, String name) {
        int contacts = intBetween(random, 0, 32);
        double area = doubleBetween(random, 0.0, 50.0, 6);
        Optional<Double> ohm = optional(random, r -> doubleBetween(r, 0.0, 10_000.0, 6));
        Map<Integer, Double> own = new LinkedHashMap<>();
        int ownCount = intBetween(random, 0, 3);
        for (int i = 0; i < ownCount; i++) {
            own.put(intBetween(random, 0, 40), doubleBetween(random, 0.0, 10_000.0, 6));
        }
        return new Lead(name, contacts, area, ohm.map(OptionalDouble::of).orElse(OptionalDouble.empty()), own);
    }

    private static Program program(RandomGenerator random, List<String> leadNames) {
        List<ContactId> keys = distinct(random, intBetween(random, 0, 5), r -> chance(r, 0.2) ? ContactId.CASE
                : new ContactId(oneOf(r, leadNames), intBetween(r, 0, 999)));
        Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        for (ContactId key : keys) {
            electrodes.put(key, intBetween(random, -150, 150));
        }
        Pattern pattern = switch (random.nextInt(3)) {
            case 0 -> new Pattern.Tonic(intBetween(random, 0, 20_000));
            case 1 -> new Pattern.HighFrequency(intBetween(random, 0, 20_000));
            default -> new Pattern.Burst(intBetween(random, 0, 20), intBetween(random, 0, 2000),
                    intBetween(random, 0, 200));
        };
        Recharge recharge = random.nextBoolean()
                ? new Recharge.Active(intBetween(random, 0, 200), intBetween(random, 1, 6))
                : new Recharge.Passive(random.nextBoolean() ? OptionalInt.of(intBetween(random, 0, 100_000))
                        : OptionalInt.empty());
        Optional<Cycle> cycle = optional(random, r -> new Cycle(intBetween(r, 0, 6000), intBetween(r, 0, 6000)));
        Optional<PatientRange> range = optional(random, r -> new PatientRange(doubleBetween(r, 0.0, 30.0, 6),
                doubleBetween(r, 0.0, 30.0, 6)));
        String name = string(random, NAME_CHARS, 1, 24);
        // a ramp of 0 is left out of the file and reads back as 0.0, so -0.0 is not generated
        double ramp = random.nextBoolean() ? 0.0 : doubleBetween(random, 0.001, 20.0, 6);
        double amplitude = doubleBetween(random, -1.0, 30.0, 6);
        int pulseWidth = intBetween(random, 0, 2000);
        return new Program(name, electrodes, amplitude, pulseWidth, pattern, recharge, ramp, cycle, range);
    }

    private static DeviceLimits limits(RandomGenerator random) {
        if (random.nextBoolean()) {
            return DeviceLimits.DEFAULTS;
        }
        List<RecordComponent> components = List.of(DeviceLimits.class.getRecordComponents());
        DeviceLimits limits = DeviceLimits.DEFAULTS;
        for (RecordComponent c : distinct(random, intBetween(random, 1, 3), r -> oneOf(r, components))) {
            Number value = c.getType() == int.class ? (Number) intBetween(random, -5, 20_000)
                    : (Number) doubleBetween(random, -5.0, 20_000.0, 6);
            limits = withLimit(limits, c.getName(), value);
        }
        return limits;
    }

    private static DeviceLimits withLimit(DeviceLimits base, String name, Number value) {
        RecordComponent[] components = DeviceLimits.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = !components[i].getName().equals(name) ? components[i].getAccessor().invoke(base)
                        : types[i] == int.class ? (Object) value.intValue() : (Object) value.doubleValue();
            }
            return DeviceLimits.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
