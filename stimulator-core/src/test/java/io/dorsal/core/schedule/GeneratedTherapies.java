package io.dorsal.core.schedule;

import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.oneOf;
import static io.dorsal.testing.Generators.shuffled;
import static io.dorsal.testing.Generators.uniformBetween;
import static io.dorsal.testing.Generators.weight;
import static io.dorsal.testing.Generators.weighted;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Generators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Seeded generators of therapies: 1 or 2 leads, 1 to 4 programs of every pattern (tonic, high frequency, burst)
 * and recharge (active with gap and ratio, passive over the rest of the period or a window), random amplitudes,
 * pulse widths, rates, contacts, fractions and soft starts. Pulse widths are drawn inside what the rate leaves
 * room for, so that most therapies pass the validator; the properties run only those that pass. Use with
 * {@link io.dorsal.testing.Cases}: {@code Cases.of(GeneratedTherapies::therapy)}.
 *
 * <p>Passive windows run from the pulse width (the shortest the validator allows) to the rest of the period, so
 * the recharge current may exceed the stimulation current (a burst's charge over a short window); the validator
 * refuses those whose recharge would break a contact's current or compliance limit.
 */
public final class GeneratedTherapies {

    private static final int PW_STEP_US = 10;

    private GeneratedTherapies() {
    }

    /** A therapy of 1 to 4 programs named p0, p1 ...; not necessarily safe. */
    public static Therapy therapy(RandomGenerator random) {
        return therapy(random, 4);
    }

    /**
     * One program of any shape (a third of the time), or 2 to {@code maxPrograms} programs at round rates (as
     * clinicians combine them: periods with large common divisors, short recharge windows), which leave room to
     * interleave.
     */
    public static Therapy therapy(RandomGenerator random, int maxPrograms) {
        List<Lead> leads = leads(random);
        List<Program> programs = new ArrayList<>();
        if (maxPrograms < 2 || random.nextInt(3) == 0) {
            programs.add(program(random, leads, false));
        } else {
            int count = intBetween(random, 2, maxPrograms);
            for (int i = 0; i < count; i++) {
                programs.add(program(random, leads, true));
            }
        }
        return new Therapy(leads, named(programs), DeviceLimits.DEFAULTS);
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

    /** One lead L1, or two leads L1 and L2, of 8, 12 or 16 contacts. */
    public static List<Lead> leads(RandomGenerator random) {
        return random.nextBoolean() ? List.of(lead(random, "L1")) : List.of(lead(random, "L1"), lead(random, "L2"));
    }

    private static Lead lead(RandomGenerator random, String name) {
        OptionalDouble ohm = random.nextBoolean() ? OptionalDouble.empty()
                : OptionalDouble.of(intBetween(random, 300, 2500));
        return new Lead(name, oneOf(random, 8, 12, 16), intBetween(random, 30, 120) / 10.0, ohm, Map.of());
    }

    /** A program named p on the leads; at round rates when {@code roundRates}. */
    public static Program program(RandomGenerator random, List<Lead> leads, boolean roundRates) {
        Map<ContactId, Integer> electrodes = electrodes(random, leads);
        Shape shape = roundRates ? roundShape(random) : shape(random);
        int tenths = weighted(random, weight(4, r -> intBetween(r, 1, 30)), weight(2, r -> intBetween(r, 31, 80)),
                weight(1, r -> 0));
        double ramp = weighted(random, weight(3, r -> 0.0), weight(2, r -> intBetween(r, 1, 30) / 100.0),
                weight(1, r -> (double) intBetween(r, 1, 10)));
        return new Program("p", electrodes, tenths / 10.0, shape.pulseWidthUs(), shape.pattern(), shape.recharge(),
                ramp, Optional.empty(), Optional.empty());
    }

    /** 1 to 3 cathodes on leads, 1 to 3 anodes (sometimes the can), fractions of 100 each side. */
    public static Map<ContactId, Integer> electrodes(RandomGenerator random, List<Lead> leads) {
        List<ContactId> onLeads = new ArrayList<>();
        for (Lead lead : leads) {
            for (int i = 0; i < lead.contactCount(); i++) {
                onLeads.add(lead.contact(i));
            }
        }
        List<ContactId> order = shuffled(random, onLeads);
        int cathodes = intBetween(random, 1, 3);
        int anodes = intBetween(random, 1, 3);
        boolean caseAnode = random.nextBoolean();
        List<Integer> cathodeParts = split(random, cathodes);
        List<Integer> anodeParts = split(random, anodes);
        Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
        for (int i = 0; i < cathodes; i++) {
            electrodes.put(order.get(i), -cathodeParts.get(i));
        }
        for (int i = 0; i < anodes; i++) {
            ContactId anode = caseAnode && i == 0 ? ContactId.CASE : order.get(cathodes + i);
            electrodes.put(anode, anodeParts.get(i));
        }
        return electrodes;
    }

    /** {@code parts} positive whole percentages summing to 100. */
    private static List<Integer> split(RandomGenerator random, int parts) {
        TreeSet<Integer> cuts = new TreeSet<>(Generators.distinct(random, parts - 1, r -> intBetween(r, 1, 99)));
        List<Integer> out = new ArrayList<>();
        int previous = 0;
        for (int cut : cuts) {
            out.add(cut - previous);
            previous = cut;
        }
        out.add(100 - previous);
        return out;
    }

    /** Pattern, pulse width and recharge drawn together so that the pulse width leaves room in the period. */
    public record Shape(Pattern pattern, int pulseWidthUs, Recharge recharge) {
    }

    private enum RechargeKind { ACTIVE, PASSIVE_REST, PASSIVE_WINDOW }

    /** Any pattern: tonic 2 to 1200 Hz, high frequency 1 to 10 kHz, bursts; any recharge. */
    public static Shape shape(RandomGenerator random) {
        Pattern pattern = weighted(random,
                weight(5, r -> new Pattern.Tonic(weighted(r, weight(3, x -> intBetween(x, 2, 200)),
                        weight(1, x -> intBetween(x, 201, 1200))))),
                weight(2, r -> new Pattern.HighFrequency(intBetween(r, 1000, 10_000))),
                weight(3, r -> {
                    int pulses = intBetween(r, 2, 10);
                    int burstRate = intBetween(r, 1, 100);
                    return new Pattern.Burst(pulses, intBetween(r, Math.min(1000, pulses * burstRate), 1000),
                            burstRate);
                }));
        return shapeOf(pattern, oneOf(random, RechargeKind.values()), intBetween(random, 0, 100),
                intBetween(random, 1, 4), random.nextDouble(), random.nextDouble());
    }

    /** Rates whose periods share large divisors, mostly active recharge, short passive windows, short pulses. */
    public static Shape roundShape(RandomGenerator random) {
        Pattern pattern = weighted(random,
                weight(5, r -> new Pattern.Tonic(oneOf(r, 2, 5, 10, 20, 25, 40, 50, 80, 100, 125, 200, 250, 400,
                        500))),
                weight(1, r -> new Pattern.HighFrequency(oneOf(r, 1000, 2000, 2500))),
                weight(3, r -> {
                    int pulses = uniformBetween(r, 2, 5);
                    int burstRate = oneOf(r, 1, 2, 5, 10, 20, 25, 40, 50);
                    List<Integer> intra = List.of(200, 250, 400, 500, 1000).stream()
                            .filter(rate -> rate >= pulses * burstRate).toList();
                    return new Pattern.Burst(pulses, oneOf(r, intra), burstRate);
                }));
        RechargeKind kind = random.nextInt(4) < 3 ? RechargeKind.ACTIVE : RechargeKind.PASSIVE_WINDOW;
        return shapeOf(pattern, kind, intBetween(random, 0, 100), intBetween(random, 1, 4),
                Math.pow(random.nextDouble(), 3), Math.pow(random.nextDouble(), 4));
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
