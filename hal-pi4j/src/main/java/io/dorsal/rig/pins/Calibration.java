package io.dorsal.rig.pins;

import java.util.List;

/**
 * How a source's PWM duty (whole percent, 0 to 100: Pi4J's resolution) sets its current: the current at
 * every duty, measured on the bench and interpolated linearly. Immutable.
 *
 * @param maAtDutyPercent 101 currents in mA, for duty 0 to 100 %, non-decreasing, starting at 0
 */
public record Calibration(double[] maAtDutyPercent) {

    /** Duty steps a PWM channel takes through Pi4J. */
    public static final int DUTY_STEPS = 100;
    /** How close a duty's current must be to a requested current to render it exactly, in uA. */
    public static final double RENDER_TOLERANCE_UA = 5.0;

    public Calibration {
        maAtDutyPercent = maAtDutyPercent.clone();
    }

    /** A linear source: {@code maPerDutyPercent} mA for each percent of duty. */
    public static Calibration linear(double maPerDutyPercent) {
        double[] table = new double[DUTY_STEPS + 1];
        for (int d = 0; d <= DUTY_STEPS; d++) {
            table[d] = maPerDutyPercent * d;
        }
        return new Calibration(table);
    }

    /**
     * A source measured at some duties (each point {duty percent, mA}), interpolated linearly between them;
     * the points must start at duty 0 and end at duty 100.
     */
    public static Calibration fromPoints(List<double[]> points) {
        double[] table = new double[DUTY_STEPS + 1];
        for (int d = 0; d <= DUTY_STEPS; d++) {
            for (int i = 0; i + 1 < points.size(); i++) {
                double[] a = points.get(i);
                double[] b = points.get(i + 1);
                if (d >= a[0] && d <= b[0]) {
                    table[d] = b[0] == a[0] ? a[1] : a[1] + (b[1] - a[1]) * (d - a[0]) / (b[0] - a[0]);
                    break;
                }
            }
        }
        return new Calibration(table);
    }

    /** The most current the source can drive, at 100 % duty. */
    public double maxMa() {
        return maAtDutyPercent[DUTY_STEPS];
    }

    /** The current at a duty, in uA. */
    public double microampsAt(int dutyPercent) {
        return maAtDutyPercent[dutyPercent] * 1000.0;
    }

    /**
     * The duty that drives exactly {@code ua} (within {@link #RENDER_TOLERANCE_UA}), or -1 when none does.
     * Allocation-free.
     */
    public int exactDutyFor(double ua) {
        int best = highestDutyNotAbove(ua + RENDER_TOLERANCE_UA);
        if (best < 0 || Math.abs(microampsAt(best) - ua) > RENDER_TOLERANCE_UA) {
            return -1;
        }
        return best;
    }

    /**
     * The highest duty whose current does not exceed {@code ua} (never over-stimulate while ramping), or -1
     * when even duty 0 drives more. Allocation-free.
     */
    public int highestDutyNotAbove(double ua) {
        int found = -1;
        for (int d = 0; d <= DUTY_STEPS; d++) {
            if (microampsAt(d) <= ua + 1e-9) {
                found = d;
            } else {
                break;
            }
        }
        return found;
    }
}
