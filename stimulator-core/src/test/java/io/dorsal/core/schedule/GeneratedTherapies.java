package io.dorsal.core.schedule;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of therapies: 1 or 2 leads, 1 to 4 programs of every pattern (tonic, high frequency, burst)
 * and recharge (active with gap and ratio, passive over the rest of the period or a window), random amplitudes,
 * pulse widths, rates, contacts, fractions and soft starts. Pulse widths are drawn inside what the rate leaves
 * room for, so that most therapies pass the validator; the properties run only those that pass.
 *
 * <p>Passive windows run from the pulse width (the shortest the validator allows) to the rest of the period, so
 * the recharge current may exceed the stimulation current (a burst's charge over a short window); the validator
 * refuses those whose recharge would break a contact's current or compliance limit.
 */
public final class GeneratedTherapies {

    private static final int PW_STEP_US = 10;

    private GeneratedTherapies() {
    }

    /** Therapies of 1 to 4 programs named p0, p1 ...; not necessarily safe. */
    public static Arbitrary<Therapy> therapies() {
        return therapies(4);
    }

    /**
     * One program of any shape, or 2 to {@code maxPrograms} programs at round rates (as clinicians combine them:
     * periods with large common divisors, short recharge windows), which leave room to interleave.
     */
    public static Arbitrary<Therapy> therapies(int maxPrograms) {
        return leads().flatMap(leads -> {
            Arbitrary<List<Program>> one = program(leads, false).list().ofSize(1);
            if (maxPrograms < 2) {
                return one.map(programs -> new Therapy(leads, named(programs), DeviceLimits.DEFAULTS));
            }
            Arbitrary<List<Program>> several = program(leads, true).list().ofMinSize(2).ofMaxSize(maxPrograms);
            return Arbitraries.frequencyOf(List.of(Tuple.of(1, one), Tuple.of(2, several)))
                    .map(programs -> new Therapy(leads, named(programs), DeviceLimits.DEFAULTS));
        });
    }

    private static List<Program> named(List<Program> programs) {
        List<Program> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            out.add(new Program("p" + i, p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(), p.recharge(),
                    p.rampS(), p.cycle(), p.patientRange()));
        }
        return out;
    }

    static Arbitrary<List<Lead>> leads() {
        Arbitrary<Lead> first = lead("L1");
        Arbitrary<Lead> second = lead("L2");
        return Arbitraries.integers().between(1, 2).flatMap(n -> n == 1
                ? first.map(List::of)
                : Combinators.combine(first, second).as(List::of));
    }

    private static Arbitrary<Lead> lead(String name) {
        Arbitrary<OptionalDouble> impedance = Arbitraries.frequencyOf(List.of(
                Tuple.of(1, Arbitraries.just(OptionalDouble.empty())),
                Tuple.of(1, Arbitraries.integers().between(300, 2500).map(ohm -> OptionalDouble.of(ohm)))));
        return Combinators.combine(Arbitraries.of(8, 12, 16), Arbitraries.integers().between(30, 120), impedance)
                .as((contacts, areaTenths, ohm) -> new Lead(name, contacts, areaTenths / 10.0, ohm, Map.of()));
    }

    static Arbitrary<Program> program(List<Lead> leads, boolean roundRates) {
        Arbitrary<Integer> amplitudeTenthsMa = Arbitraries.frequencyOf(List.of(
                Tuple.of(4, Arbitraries.integers().between(1, 30)),
                Tuple.of(2, Arbitraries.integers().between(31, 80)),
                Tuple.of(1, Arbitraries.just(0))));
        Arbitrary<Double> rampS = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.just(0.0)),
                Tuple.of(2, Arbitraries.integers().between(1, 30).map(hundredths -> hundredths / 100.0)),
                Tuple.of(1, Arbitraries.integers().between(1, 10).map(Integer::doubleValue))));
        return Combinators.combine(electrodes(leads), roundRates ? roundShape() : shape(), amplitudeTenthsMa, rampS)
                .as((electrodes, shape, tenths, ramp) -> new Program("p", electrodes, tenths / 10.0, shape.pulseWidthUs,
                        shape.pattern, shape.recharge, ramp, Optional.empty(), Optional.empty()));
    }

    /** 1 to 3 cathodes on leads, 1 to 3 anodes (sometimes the can), fractions of 100 each side. */
    static Arbitrary<Map<ContactId, Integer>> electrodes(List<Lead> leads) {
        List<ContactId> onLeads = new ArrayList<>();
        for (Lead lead : leads) {
            for (int i = 0; i < lead.contactCount(); i++) {
                onLeads.add(lead.contact(i));
            }
        }
        return Combinators.combine(Arbitraries.shuffle(onLeads), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.of(false, true))
                .flatAs((order, cathodes, anodes, caseAnode) -> Combinators.combine(split(cathodes), split(anodes))
                        .as((cathodeParts, anodeParts) -> {
                            Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
                            for (int i = 0; i < cathodes; i++) {
                                electrodes.put(order.get(i), -cathodeParts.get(i));
                            }
                            for (int i = 0; i < anodes; i++) {
                                ContactId anode = caseAnode && i == 0 ? ContactId.CASE : order.get(cathodes + i);
                                electrodes.put(anode, anodeParts.get(i));
                            }
                            return electrodes;
                        }));
    }

    /** {@code parts} positive whole percentages summing to 100. */
    private static Arbitrary<List<Integer>> split(int parts) {
        return Arbitraries.integers().between(1, 99).set().ofSize(parts - 1).map(cuts -> {
            List<Integer> out = new ArrayList<>();
            int previous = 0;
            for (int cut : new TreeSet<>(cuts)) {
                out.add(cut - previous);
                previous = cut;
            }
            out.add(100 - previous);
            return out;
        });
    }

    /** Pattern, pulse width and recharge drawn together so that the pulse width leaves room in the period. */
    record Shape(Pattern pattern, int pulseWidthUs, Recharge recharge) {
    }

    private enum RechargeKind { ACTIVE, PASSIVE_REST, PASSIVE_WINDOW }

    static Arbitrary<Shape> shape() {
        Arbitrary<Pattern> tonic = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.integers().between(2, 200)),
                Tuple.of(1, Arbitraries.integers().between(201, 1200)))).map(Pattern.Tonic::new);
        Arbitrary<Pattern> highFrequency = Arbitraries.integers().between(1000, 10_000).map(Pattern.HighFrequency::new);
        Arbitrary<Pattern> burst = Combinators.combine(Arbitraries.integers().between(2, 10),
                        Arbitraries.integers().between(1, 100))
                .flatAs((pulses, burstRate) -> Arbitraries.integers()
                        .between(Math.min(1000, pulses * burstRate), 1000)
                        .map(intra -> new Pattern.Burst(pulses, intra, burstRate)));
        Arbitrary<Pattern> pattern = Arbitraries.frequencyOf(List.of(
                Tuple.of(5, tonic), Tuple.of(2, highFrequency), Tuple.of(3, burst)));
        return Combinators.combine(pattern, Arbitraries.of(RechargeKind.values()),
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 4),
                        Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1))
                .as(GeneratedTherapies::shapeOf);
    }

    /** Rates whose periods share large divisors, mostly active recharge, short passive windows, short pulses. */
    static Arbitrary<Shape> roundShape() {
        Arbitrary<Pattern> tonic = Arbitraries.of(2, 5, 10, 20, 25, 40, 50, 80, 100, 125, 200, 250, 400, 500)
                .map(Pattern.Tonic::new);
        Arbitrary<Pattern> highFrequency = Arbitraries.of(1000, 2000, 2500).map(Pattern.HighFrequency::new);
        Arbitrary<Pattern> burst = Combinators.combine(Arbitraries.integers().between(2, 5),
                        Arbitraries.of(1, 2, 5, 10, 20, 25, 40, 50))
                .flatAs((pulses, burstRate) -> Arbitraries.of(200, 250, 400, 500, 1000)
                        .filter(intra -> intra >= pulses * burstRate)
                        .map(intra -> new Pattern.Burst(pulses, intra, burstRate)));
        Arbitrary<Pattern> pattern = Arbitraries.frequencyOf(List.of(
                Tuple.of(5, tonic), Tuple.of(1, highFrequency), Tuple.of(3, burst)));
        Arbitrary<RechargeKind> kind = Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.just(RechargeKind.ACTIVE)),
                Tuple.of(1, Arbitraries.just(RechargeKind.PASSIVE_WINDOW))));
        return Combinators.combine(pattern, kind, Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(1, 4), Arbitraries.doubles().between(0, 1),
                        Arbitraries.doubles().between(0, 1))
                .as((p, k, gap, ratio, pwFraction, windowFraction) ->
                        shapeOf(p, k, gap, ratio, Math.pow(pwFraction, 3), Math.pow(windowFraction, 4)));
    }

    private static Shape shapeOf(Pattern pattern, RechargeKind kind, int gapUs, int ratio, double pwFraction,
                                 double windowFraction) {
        long slotUs;
        long periodUs;
        int pulses;
        switch (pattern) {
            case Pattern.Tonic t -> {
                slotUs = Math.round(1e6 / t.rateHz());
                periodUs = slotUs;
                pulses = 1;
            }
            case Pattern.HighFrequency h -> {
                slotUs = Math.round(1e6 / h.rateHz());
                periodUs = slotUs;
                pulses = 1;
            }
            case Pattern.Burst b -> {
                slotUs = Math.round(1e6 / b.intraBurstRateHz());
                periodUs = Math.round(1e6 / b.burstRateHz());
                pulses = b.pulsesPerBurst();
            }
        }
        long lastSlotStartUs = (pulses - 1) * slotUs;
        return switch (kind) {
            case ACTIVE -> {
                long maxPw = (slotUs - gapUs) / (1 + ratio);
                int pw = pulseWidth(maxPw, pwFraction);
                yield new Shape(pattern, pw, new Recharge.Active(gapUs, ratio));
            }
            case PASSIVE_REST -> {
                // pulses of a burst may not touch, and the rest of the period must leave a window
                long maxPw = Math.min(slotUs, periodUs - lastSlotStartUs) - PW_STEP_US;
                int pw = pulseWidth(maxPw, pwFraction);
                yield new Shape(pattern, pw, Recharge.Passive.restOfPeriod());
            }
            case PASSIVE_WINDOW -> {
                long maxPw = Math.min(slotUs - PW_STEP_US, (periodUs - lastSlotStartUs) / 2);
                int pw = pulseWidth(maxPw, pwFraction);
                long minWindow = pw;
                long maxWindow = Math.max(minWindow, periodUs - lastSlotStartUs - pw);
                int window = (int) (minWindow + Math.round(windowFraction * (maxWindow - minWindow)));
                yield new Shape(pattern, pw, new Recharge.Passive(OptionalInt.of(window)));
            }
        };
    }

    /** A pulse width on the 10 us grid between the device minimum 20 us and {@code maxUs} (or 1000 us). */
    private static int pulseWidth(long maxUs, double fraction) {
        long max = Math.max(20, Math.min(1000, maxUs));
        long steps = (max - 20) / PW_STEP_US;
        return (int) (20 + PW_STEP_US * Math.round(fraction * steps));
    }
}
