package io.dorsal.infusion.drug;

import java.util.Locale;

/**
 * The intrathecal drugs Dorsal knows, each with the unit it is prescribed in and the most it may be given: the
 * highest concentration and daily dose of the consensus guidance (docs/pump-format.md, "Drug limits", cites each
 * figure). A prescription may tighten a daily limit, never loosen it.
 */
public enum Drug {
    /** PACC 2017 (Deer et al., Neuromodulation 2017;20:96-132), maximum concentration and daily dose. */
    MORPHINE("morphine", DoseUnit.MG, 20.0, 15.0, true, "PACC 2017"),
    /** PACC 2017. */
    HYDROMORPHONE("hydromorphone", DoseUnit.MG, 15.0, 10.0, true, "PACC 2017"),
    /** PACC 2017 gives 10 mg/mL and no upper daily dose; 1000 mcg/day is Dorsal's cap (docs/pump-format.md). */
    FENTANYL("fentanyl", DoseUnit.MCG, 10_000.0, 1_000.0, true, "PACC 2017 (concentration); Dorsal cap (dose)"),
    /** PACC 2017 gives 5 mg/mL and no upper daily dose; 500 mcg/day is Dorsal's cap (docs/pump-format.md). */
    SUFENTANIL("sufentanil", DoseUnit.MCG, 5_000.0, 500.0, true, "PACC 2017 (concentration); Dorsal cap (dose)"),
    /** PACC 2017: 30 mg/mL, 15 to 20 mg/day; Dorsal takes the upper figure. */
    BUPIVACAINE("bupivacaine", DoseUnit.MG, 30.0, 20.0, false, "PACC 2017"),
    /** PACC 2017: 1000 mcg/mL, 40 to 600 mcg/day; Dorsal takes the upper figure. */
    CLONIDINE("clonidine", DoseUnit.MCG, 1_000.0, 600.0, false, "PACC 2017"),
    /** Intrathecal baclofen labelling: 2000 mcg/mL the strongest supplied; limited experience above 1000 mcg/day. */
    BACLOFEN("baclofen", DoseUnit.MCG, 2_000.0, 1_000.0, false, "intrathecal baclofen labelling"),
    /** Ziconotide labelling (and PACC 2017): 100 mcg/mL, at most 19.2 mcg/day. */
    ZICONOTIDE("ziconotide", DoseUnit.MCG, 100.0, 19.2, false, "ziconotide labelling; PACC 2017");

    private final String fileName;
    private final DoseUnit unit;
    private final double maxConcentrationPerMl;
    private final double maxDailyDose;
    private final boolean opioid;
    private final String source;

    Drug(String fileName, DoseUnit unit, double maxConcentrationPerMl, double maxDailyDose, boolean opioid,
         String source) {
        this.fileName = fileName;
        this.unit = unit;
        this.maxConcentrationPerMl = maxConcentrationPerMl;
        this.maxDailyDose = maxDailyDose;
        this.opioid = opioid;
        this.source = source;
    }

    /** The name files use: {@code morphine}. */
    public String fileName() {
        return fileName;
    }

    /** The unit doses and concentrations of this drug are written in. */
    public DoseUnit unit() {
        return unit;
    }

    /** Highest concentration, in micrograms per millilitre. */
    public double maxConcentrationUgPerMl() {
        return unit.toUg(maxConcentrationPerMl);
    }

    /** Highest daily dose, in micrograms per day. */
    public double maxDailyDoseUg() {
        return unit.toUg(maxDailyDose);
    }

    /** An opioid: high concentrations and doses favour a catheter-tip granuloma (pump.md). */
    public boolean opioid() {
        return opioid;
    }

    /** Where the limits come from. */
    public String source() {
        return source;
    }

    /** {@code ug} micrograms written in this drug's unit: {@code 3 mg}. */
    public String format(double ug) {
        return String.format(Locale.ROOT, "%s %s", trim(unit.fromUg(ug)), unit.symbol());
    }

    /** The drug a file names, or null. */
    public static Drug byFileName(String name) {
        for (Drug d : values()) {
            if (d.fileName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** A number as people write it: up to four decimals, no trailing zeros. */
    public static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.4f", value);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
