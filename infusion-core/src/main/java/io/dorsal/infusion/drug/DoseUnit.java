package io.dorsal.infusion.drug;

/**
 * The mass unit a drug is prescribed in. A file states it and it must be the drug's own unit: a dose in mcg read
 * as mg is a thousandfold overdose, the unit confusion pump.md names as a hazard.
 */
public enum DoseUnit {
    MG("mg", 1000.0),
    MCG("mcg", 1.0);

    private final String symbol;
    private final double micrograms;

    DoseUnit(String symbol, double micrograms) {
        this.symbol = symbol;
        this.micrograms = micrograms;
    }

    /** As files and messages write it: {@code mg} or {@code mcg}. */
    public String symbol() {
        return symbol;
    }

    /** Micrograms in one of this unit. */
    public double micrograms() {
        return micrograms;
    }

    /** {@code amount} of this unit in micrograms. */
    public double toUg(double amount) {
        return amount * micrograms;
    }

    /** {@code ug} micrograms in this unit. */
    public double fromUg(double ug) {
        return ug / micrograms;
    }

    /** The unit a file names, or null. */
    public static DoseUnit bySymbol(String symbol) {
        for (DoseUnit u : values()) {
            if (u.symbol.equals(symbol)) {
                return u;
            }
        }
        return null;
    }
}
