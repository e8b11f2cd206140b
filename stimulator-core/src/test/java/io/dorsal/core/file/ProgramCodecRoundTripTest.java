package io.dorsal.core.file;

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
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
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

    @Property(tries = 300)
    void readsBackWhatItWrites(@ForAll("therapies") Therapy therapy) throws ProgramFileException {
        // when
        String text = ProgramCodec.write(therapy);
        Therapy again = ProgramCodec.read(text);

        // then
        assertThat(again).isEqualTo(therapy);
        for (int p = 0; p < therapy.programs().size(); p++) {
            assertThat(List.copyOf(again.programs().get(p).electrodes().keySet())).as("contact order")
                    .containsExactlyElementsOf(therapy.programs().get(p).electrodes().keySet());
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // generators: anything the records hold and a file can say, safe or not (safety is the validator's work)

    private static final List<String> LEAD_NAMES = List.of("L1", "L2", "lead_3", "Paddle-4");

    @Provide
    Arbitrary<Therapy> therapies() {
        return Arbitraries.integers().between(1, 4).flatMap(leadCount -> {
            List<String> names = LEAD_NAMES.subList(0, leadCount);
            Arbitrary<List<Lead>> leads = Combinators.combine(names.stream().map(this::lead).toList())
                    .as(List::copyOf);
            return Combinators.combine(leads, program(names).list().ofMinSize(1).ofMaxSize(4), limits())
                    .as(Therapy::new);
        });
    }

    private Arbitrary<Lead> lead(String name) {
        return Combinators.combine(
                Arbitraries.integers().between(0, 32),
                Arbitraries.doubles().between(0.0, 50.0).ofScale(6),
                Arbitraries.doubles().between(0.0, 10_000.0).ofScale(6).optional(),
                Arbitraries.maps(Arbitraries.integers().between(0, 40),
                        Arbitraries.doubles().between(0.0, 10_000.0).ofScale(6)).ofMaxSize(3)
        ).as((contacts, area, ohm, own) -> new Lead(name, contacts, area,
                ohm.map(OptionalDouble::of).orElse(OptionalDouble.empty()), own));
    }

    private Arbitrary<Program> program(List<String> leadNames) {
        Arbitrary<ContactId> contacts = Arbitraries.oneOf(
                Arbitraries.just(ContactId.CASE),
                Combinators.combine(Arbitraries.of(leadNames), Arbitraries.integers().between(0, 999))
                        .as(ContactId::new));
        Arbitrary<Map<ContactId, Integer>> electrodes = Combinators.combine(
                contacts.list().uniqueElements().ofMaxSize(5), Arbitraries.integers().between(-150, 150).list()
                        .ofSize(5)).as((keys, percents) -> {
                            Map<ContactId, Integer> map = new LinkedHashMap<>();
                            for (int i = 0; i < keys.size(); i++) {
                                map.put(keys.get(i), percents.get(i));
                            }
                            return map;
                        });
        Arbitrary<Pattern> patterns = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 20_000).map(Pattern.Tonic::new),
                Arbitraries.integers().between(0, 20_000).map(Pattern.HighFrequency::new),
                Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 2000),
                        Arbitraries.integers().between(0, 200)).as(Pattern.Burst::new));
        Arbitrary<Recharge> recharges = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 200), Arbitraries.integers().between(1, 6))
                        .as(Recharge.Active::new),
                Arbitraries.integers().between(0, 100_000).optional()
                        .map(w -> new Recharge.Passive(w.map(OptionalInt::of).orElse(OptionalInt.empty()))));
        Arbitrary<Optional<Cycle>> cycles = Combinators.combine(Arbitraries.integers().between(0, 6000),
                Arbitraries.integers().between(0, 6000)).as(Cycle::new).optional();
        Arbitrary<Double> milliamps = Arbitraries.doubles().between(0.0, 30.0).ofScale(6);
        Arbitrary<Optional<PatientRange>> ranges = Combinators.combine(milliamps, milliamps).as(PatientRange::new)
                .optional();
        Arbitrary<String> names = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u00b5', '\t')
                .ofMinLength(1).ofMaxLength(24);
        // a ramp of 0 is left out of the file and reads back as 0.0, so -0.0 is not generated
        Arbitrary<Double> ramps = Arbitraries.oneOf(Arbitraries.just(0.0),
                Arbitraries.doubles().between(0.001, 20.0).ofScale(6));
        Arbitrary<Double> amplitudes = Arbitraries.doubles().between(-1.0, 30.0).ofScale(6);
        Arbitrary<Program> unnamedShape = Combinators.combine(electrodes, amplitudes,
                Arbitraries.integers().between(0, 2000), patterns, recharges, ramps, cycles, ranges)
                .as((e, amplitude, pw, pattern, recharge, ramp, cycle, range) ->
                        new Program("p", e, amplitude, pw, pattern, recharge, ramp, cycle, range));
        return Combinators.combine(names, unnamedShape).as((name, p) -> new Program(name, p.electrodes(),
                p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(), p.rampS(), p.cycle(), p.patientRange()));
    }

    private Arbitrary<DeviceLimits> limits() {
        List<RecordComponent> components = List.of(DeviceLimits.class.getRecordComponents());
        Arbitrary<DeviceLimits> changed = Combinators.combine(
                Arbitraries.of(components).list().uniqueElements().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(-5, 20_000).list().ofSize(3),
                Arbitraries.doubles().between(-5.0, 20_000.0).ofScale(6).list().ofSize(3)
        ).as((which, ints, doubles) -> {
            DeviceLimits limits = DeviceLimits.DEFAULTS;
            for (int i = 0; i < which.size(); i++) {
                RecordComponent c = which.get(i);
                limits = withLimit(limits, c.getName(), c.getType() == int.class ? ints.get(i) : doubles.get(i));
            }
            return limits;
        });
        return Arbitraries.oneOf(Arbitraries.just(DeviceLimits.DEFAULTS), changed);
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
