package io.dorsal.core.therapy;

import java.util.OptionalInt;

/** How a program returns the charge of its stimulation phase, so that every contact stays balanced. */
public sealed interface Recharge {

    /** Interphase gap for active recharge when a file does not give one (domain.md). */
    int DEFAULT_INTERPHASE_GAP_US = 20;

    /**
     * An opposite phase of equal charge after a gap: {@code ratio} 1 is symmetric; a ratio r drives
     * 1/r of the current for r times as long.
     *
     * @param interphaseGapUs gap between the stimulation and the recharge phase
     * @param ratio           recharge duration / stimulation duration (and current divisor)
     */
    record Active(int interphaseGapUs, int ratio) implements Recharge {
        public static Active symmetric(int interphaseGapUs) {
            return new Active(interphaseGapUs, 1);
        }
    }

    /**
     * The output is switched so that the coupling capacitors discharge, modelled as a window whose
     * average current balances the charge; after each pulse (tonic) or after the last pulse of a burst.
     *
     * @param windowUs the window's length; empty means the rest of the period (or burst period)
     */
    record Passive(OptionalInt windowUs) implements Recharge {
        public static Passive restOfPeriod() {
            return new Passive(OptionalInt.empty());
        }
    }

    default String typeName() {
        return switch (this) {
            case Active a -> "active";
            case Passive p -> "passive";
        };
    }
}
