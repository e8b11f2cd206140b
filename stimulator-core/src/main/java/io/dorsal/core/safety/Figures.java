package io.dorsal.core.safety;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers appear in messages and tables: rounded, without trailing zeros. */
public final class Figures {

    private Figures() {
    }

    /** {@code value} rounded to {@code decimals} places, trailing zeros dropped: 30.0 gives "30", 33.333 gives "33.33". */
    public static String format(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    /** Two decimals, the precision of the tables. */
    public static String format(double value) {
        return format(value, 2);
    }
}
