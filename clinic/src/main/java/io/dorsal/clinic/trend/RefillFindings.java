package io.dorsal.clinic.trend;

import io.dorsal.clinic.PumpRefill;
import io.dorsal.infusion.pump.PumpKind;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.infusion.refill.RefillCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Each refill of a pump checked as infusion-core's {@link RefillCheck} checks one at the pump: drawn back against
 * expected, within the pump's accuracy on what it delivered since the previous fill plus what aspiration leaves.
 * The first refill on record has no previous fill, so only the aspiration tolerance applies.
 */
public final class RefillFindings {

    private RefillFindings() {
    }

    /** One refill with its check. */
    public record Finding(PumpRefill refill, RefillCheck check) {
        public boolean discrepancy() {
            return check.finding() != Discrepancy.WITHIN;
        }
    }

    public static List<Finding> of(List<PumpRefill> refills) {
        List<PumpRefill> sorted = refills.stream().sorted(Comparator.comparing(PumpRefill::refilledAt)).toList();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            PumpRefill r = sorted.get(i);
            double deliveredMl = i == 0 ? 0 : Math.max(0, sorted.get(i - 1).filledMl() - r.expectedResidualMl());
            out.add(new Finding(r, new RefillCheck(r.expectedResidualMl() * 1000, deliveredMl * 1000,
                    r.drawnMl() * 1000, PumpKind.Programmable.ACCURACY_FRACTION)));
        }
        return out;
    }
}
