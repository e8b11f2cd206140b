package io.dorsal.core.therapy;

/** Conversions between the milliamps people write and the whole microamps the device drives. */
public final class Amplitudes {

    /** Tolerance when comparing amplitudes written in mA with decimals. */
    public static final double EPSILON_MA = 1e-9;

    private Amplitudes() {
    }

    /** Milliamps to the nearest microamp. */
    public static int microamps(double amplitudeMa) {
        return (int) Math.round(amplitudeMa * 1000.0);
    }

    public static double milliamps(long amplitudeUa) {
        return amplitudeUa / 1000.0;
    }
}
