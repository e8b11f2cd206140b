package io.dorsal.core.generator;

/**
 * The generator's primary cell: a capacity drained by the electronics' quiescent current and by the charge
 * delivered to the electrodes (divided by the output stage's efficiency). Immutable; the generator supplies
 * elapsed time and delivered charge.
 *
 * @param capacityMah      usable capacity of a new cell
 * @param quiescentUa      current the electronics draw whether stimulating or not
 * @param outputEfficiency delivered charge over the charge drawn from the cell for it (0 to 1]
 * @param lowFraction      remaining fraction at which the generator warns (elective replacement)
 * @param depletedFraction remaining fraction at which therapy stops (end of service)
 */
public record BatteryModel(double capacityMah, double quiescentUa, double outputEfficiency, double lowFraction,
                           double depletedFraction) {

    /** A typical primary-cell IPG (default figures, not a specific product). */
    public static final BatteryModel DEFAULT = new BatteryModel(3000.0, 10.0, 0.5, 0.10, 0.01);

    private static final double PC_PER_MAH = 3.6e12;
    private static final double S_PER_DAY = 86_400.0;

    public BatteryModel {
        if (!(capacityMah > 0) || !(quiescentUa >= 0) || !(outputEfficiency > 0) || outputEfficiency > 1
                || !(depletedFraction >= 0) || !(lowFraction > depletedFraction) || lowFraction >= 1) {
            throw new IllegalArgumentException("not a battery: " + capacityMah + " mAh, " + quiescentUa + " uA, "
                    + outputEfficiency + " efficiency, low " + lowFraction + ", depleted " + depletedFraction);
        }
    }

    /** Charge drawn from the cell, in picocoulombs, after running {@code elapsedNs} and delivering {@code deliveredPc}. */
    public double drawnPc(long elapsedNs, double deliveredPc) {
        return quiescentUa * (elapsedNs / 1000.0) + deliveredPc / outputEfficiency;
    }

    /** Fraction of capacity left, 0 to 1. */
    public double remainingFraction(long elapsedNs, double deliveredPc) {
        double capacityPc = capacityMah * PC_PER_MAH;
        return Math.max(0.0, 1.0 - drawnPc(elapsedNs, deliveredPc) / capacityPc);
    }

    /** Days until end of service if the therapy keeps delivering {@code therapyUa} on average. */
    public double daysLeft(double remainingFraction, double therapyUa) {
        double usableMah = Math.max(0.0, remainingFraction - depletedFraction) * capacityMah;
        double drawUa = quiescentUa + therapyUa / outputEfficiency;
        double seconds = usableMah * PC_PER_MAH / 1e6 / drawUa;
        return seconds / S_PER_DAY;
    }

}
