package io.dorsal.rig.pins;

import java.util.List;

/**
 * How a source's setting (a DAC code, 0 to 4095, or a PWM duty in whole percent, 0 to 100) sets its current: the
 * current at every setting, measured on the bench and interpolated linearly. The "duty" in method names stands for
 * the setting of either part. Immutable.
 *
 * @param maAtSetting the current in mA at every setting from 0 up, non-decreasing, starting at 0
 */
public record Calibration(double[] maAtSetting) {

    /** Duty steps a PWM channel takes through Pi4J (the steps of {@link #linear(double)}). */
    public static final int DUTY_STEPS = AmplitudeControl.Pwm.STEPS;
    /** How close a setting's current must be to a requested current to render it exactly, in uA. */
    public static final double RENDER_TOLERANCE_UA = 5.0;

    public Calibration {
        maAtSetting = maAtSetting.clone();
        if (maAtSetting.length < 2) {
            throw new IllegalArgumentException("a calibration needs at least two settings");
        }
    }

    /** A linear PWM source: {@code maPerDutyPercent} mA for each percent of duty. */
    public static Calibration linear(double maPerDutyPercent) {
        return linear(maPerDutyPercent, DUTY_STEPS);
    }

    /** A linear source of {@code steps} settings: {@code maPerStep} mA for each. */
    public static Calibration linear(double maPerStep, int steps) {
        double[] table = new double[steps + 1];
        for (int d = 0; d <= steps; d++) {
            table[d] = maPerStep * d;
        }
        return new Calibration(table);
    }

    /** {@link #fromPoints(List, int)} for a PWM source (settings 0 to 100 % duty). */
    public static Calibration fromPoints(List<double[]> points) {
        return fromPoints(points, DUTY_STEPS);
    }

    /**
     * A source measured at some settings (each point {setting, mA}), interpolated linearly between them; the points
     * must start at setting 0 and end at {@code steps}.
     */
    public static Calibration fromPoints(List<double[]> points, int steps) {
        double[] table = new double[steps + 1];
        for (int d = 0; d <= steps; d++) {
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

    /** The highest setting. */
    public int steps() {
        return maAtSetting.length - 1;
    }

    /** The most current the source can drive, at its highest setting. */
    public double maxMa() {
        return maAtSetting[steps()];
    }

    /** The current at a setting, in uA. */
    public double microampsAt(int setting) {
        return maAtSetting[setting] * 1000.0;
    }

    /**
     * The setting nearest {@code ua} if it drives it exactly (within {@link #RENDER_TOLERANCE_UA}; of two as near, the
     * lower), or -1 when none does. With a DAC's fine steps several settings lie within the tolerance: the nearest is
     * the one rendered. Allocation-free.
     */
    public int exactDutyFor(double ua) {
        int below = highestDutyNotAbove(ua);
        int best = below;
        if (below < steps() && (below < 0
                || Math.abs(microampsAt(below + 1) - ua) < Math.abs(microampsAt(below) - ua))) {
            best = below + 1;
        }
        if (Math.abs(microampsAt(best) - ua) > RENDER_TOLERANCE_UA) {
            return -1;
        }
        return best;
    }

    /**
     * The highest setting whose current does not exceed {@code ua} (never over-stimulate while ramping), or -1 when
     * even setting 0 drives more. A binary search over the non-decreasing table; allocation-free.
     */
    public int highestDutyNotAbove(double ua) {
        int low = 0;
        int high = steps();
        if (microampsAt(low) > ua + 1e-9) {
            return -1;
        }
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (microampsAt(mid) <= ua + 1e-9) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
