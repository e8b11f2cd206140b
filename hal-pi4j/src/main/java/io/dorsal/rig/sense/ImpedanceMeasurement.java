package io.dorsal.rig.sense;

import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.generator.ImpedanceReport.ContactImpedance;
import io.dorsal.core.generator.ImpedanceReport.Status;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Each contact's impedance, measured with probe pulses of {@link MeasuredSelfTest#TEST_CURRENT_MA}
 * (docs/bench-rig.md, "Sensing"). A pulse measures a path: a cathode contact in series with an anode contact. Every
 * contact is paired with a reference (the can's anode line, else the first anode line), and the reference's own
 * impedance is solved from a triangle of three paths: {@code Z_ref = (P(a) + P(b) - Q(a, b)) / 2}, where P pairs a
 * contact with the reference and Q pairs two other contacts. The result is the generator's {@link ImpedanceReport},
 * flagged open and short by the device limits, so it reads exactly like the modelled check.
 *
 * <p>The voltage includes what the coupling capacitors hold after a 20 us pulse (1 mA on 10 uF: 2 mV), under 0.1 % of
 * a 1 kOhm path; every probe is bled back by the discharge line.
 */
public final class ImpedanceMeasurement {

    private ImpedanceMeasurement() {
    }

    /** Measures every contact of the rig that can be paired; the stage must be latched safe. */
    public static ImpedanceReport measure(FrontEndProbe probe, PinMap map, Clock clock, DeviceLimits limits) {
        int refAnode = MeasuredSelfTest.referenceLine(map, LineRole.ANODE);
        if (refAnode < 0) {
            throw new IllegalArgumentException("the rig has no anode line to measure against");
        }
        ContactId ref = map.lines().get(refAnode).contact().orElseThrow();
        List<ContactId> contacts = map.contacts().stream()
                .filter(c -> !c.equals(ref) && map.lineOf(c, LineRole.CATHODE) >= 0).toList();
        if (contacts.size() < 2) {
            throw new IllegalArgumentException("the rig needs two contacts with cathode lines besides the reference");
        }
        double[] withRef = new double[contacts.size()];
        for (int i = 0; i < contacts.size(); i++) {
            withRef[i] = pathOhm(probe, map, map.lineOf(contacts.get(i), LineRole.CATHODE), refAnode);
        }
        double refOhm = referenceOhm(probe, map, contacts, withRef);
        List<ContactImpedance> result = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            result.add(flag(contacts.get(i), withRef[i] - refOhm, limits));
        }
        result.add(flag(ref, refOhm, limits));
        return new ImpedanceReport(clock.nanoTime(), result);
    }

    /** The reference's impedance from the first triangle whose three paths all carry current. */
    private static double referenceOhm(FrontEndProbe probe, PinMap map, List<ContactId> contacts, double[] withRef) {
        for (int a = 0; a < contacts.size(); a++) {
            for (int b = 0; b < contacts.size(); b++) {
                int bAnode = map.lineOf(contacts.get(b), LineRole.ANODE);
                if (a == b || bAnode < 0 || Double.isInfinite(withRef[a]) || Double.isInfinite(withRef[b])) {
                    continue;
                }
                double between = pathOhm(probe, map, map.lineOf(contacts.get(a), LineRole.CATHODE), bAnode);
                if (!Double.isInfinite(between)) {
                    return (withRef[a] + withRef[b] - between) / 2;
                }
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** One path's impedance in ohms, or infinity when no current flows (an open contact or a current at compliance). */
    private static double pathOhm(FrontEndProbe probe, PinMap map, int cathodeLine, int anodeLine) {
        int[] duty = new int[map.sources().size()];
        for (int s = 0; s < duty.length; s++) {
            duty[s] = Math.max(0, map.sources().get(s).calibration()
                    .highestDutyNotAbove(MeasuredSelfTest.TEST_CURRENT_MA * 1e3));
        }
        FrontEndProbe.Reading r = probe.pulse(cathodeLine, anodeLine, duty, true);
        GpioLine cathode = map.lines().get(cathodeLine);
        double expectedMa = map.sources().get(cathode.source()).calibration().microampsAt(duty[cathode.source()]) / 1e3;
        double currentMa = r.sourceMa()[cathode.source()];
        if (currentMa < expectedMa * (1 - MeasuredSelfTest.LOAD_TOLERANCE)) {
            return Double.POSITIVE_INFINITY;
        }
        return r.pathV() / currentMa * 1e3;
    }

    private static ContactImpedance flag(ContactId contact, double ohm, DeviceLimits limits) {
        Status status = !(ohm <= limits.openCircuitOhm()) ? Status.OPEN
                : ohm < limits.shortCircuitOhm() ? Status.SHORT : Status.OK;
        return new ContactImpedance(contact, ohm, status);
    }
}
