package io.dorsal.clinic.trend;

import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.core.therapy.DeviceLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Impedance per contact over checks, and the rule that flags it (docs/safety.md, "Impedance trends"):
 * <ul>
 *   <li>open or short: a reading at or beyond the device's open-circuit or short-circuit figure;</li>
 *   <li>jump: a change of {@value #JUMP_PERCENT}% or more from the check before;</li>
 *   <li>drift: a change of {@value #DRIFT_PERCENT}% or more from the first check to the latest, over at least
 *       {@value #MIN_DRIFT_CHECKS} checks, none of them a jump (a slow change a jump rule would miss).</li>
 * </ul>
 */
public final class ImpedanceTrends {

    /** A change between two consecutive checks that is flagged (default). */
    public static final double JUMP_PERCENT = 40.0;
    /** A change from the first check to the latest that is flagged when it came slowly (default). */
    public static final double DRIFT_PERCENT = 25.0;
    /** Checks needed before a drift is judged. */
    public static final int MIN_DRIFT_CHECKS = 3;

    private ImpedanceTrends() {
    }

    /** The readings of each contact, oldest first, contacts in name order. */
    public static Map<String, List<ImpedanceReading>> byContact(List<ImpedanceReading> readings) {
        Map<String, List<ImpedanceReading>> out = new TreeMap<>();
        for (ImpedanceReading r : readings) {
            out.computeIfAbsent(r.contact(), c -> new ArrayList<>()).add(r);
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(ImpedanceReading::measuredAt)));
        return out;
    }

    /** Every flag the rule raises on these readings, by contact, in time order. */
    public static List<ImpedanceFlag> flags(List<ImpedanceReading> readings, DeviceLimits limits) {
        List<ImpedanceFlag> flags = new ArrayList<>();
        for (Map.Entry<String, List<ImpedanceReading>> e : byContact(readings).entrySet()) {
            List<ImpedanceReading> series = e.getValue();
            boolean anyJump = false;
            for (int i = 0; i < series.size(); i++) {
                ImpedanceReading now = series.get(i);
                double before = i == 0 ? now.impedanceOhm() : series.get(i - 1).impedanceOhm();
                if (now.impedanceOhm() >= limits.openCircuitOhm()) {
                    flags.add(new ImpedanceFlag(e.getKey(), now.measuredAt(), ImpedanceFlag.Kind.OPEN, before,
                            now.impedanceOhm()));
                } else if (now.impedanceOhm() <= limits.shortCircuitOhm()) {
                    flags.add(new ImpedanceFlag(e.getKey(), now.measuredAt(), ImpedanceFlag.Kind.SHORT, before,
                            now.impedanceOhm()));
                }
                if (i > 0 && percent(before, now.impedanceOhm()) >= JUMP_PERCENT) {
                    anyJump = true;
                    flags.add(new ImpedanceFlag(e.getKey(), now.measuredAt(), ImpedanceFlag.Kind.JUMP, before,
                            now.impedanceOhm()));
                }
            }
            if (!anyJump && series.size() >= MIN_DRIFT_CHECKS) {
                ImpedanceReading first = series.getFirst();
                ImpedanceReading last = series.getLast();
                if (percent(first.impedanceOhm(), last.impedanceOhm()) >= DRIFT_PERCENT) {
                    flags.add(new ImpedanceFlag(e.getKey(), last.measuredAt(), ImpedanceFlag.Kind.DRIFT,
                            first.impedanceOhm(), last.impedanceOhm()));
                }
            }
        }
        return flags;
    }

    private static double percent(double from, double to) {
        return from <= 0 ? 0 : 100.0 * Math.abs(to - from) / from;
    }
}
