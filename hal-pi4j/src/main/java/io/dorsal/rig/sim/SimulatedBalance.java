package io.dorsal.rig.sim;

import io.dorsal.rig.pump.BalanceLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A laboratory balance under the rig pump's outlet, simulated: a serial line in memory on which it prints, as a balance
 * in continuous mode does, the container's weight, which grows with the volume pumped times {@code deliveredFraction}
 * (1.0: the pump delivers what its calibration says; 0.8: a partial occlusion, or a calibration 25 % too high) and the
 * solution's density. For tests and {@code rig pump run --mock}. Not thread safe.
 */
public final class SimulatedBalance implements BalanceLine {

    private final ArrayDeque<Byte> sent = new ArrayDeque<>();
    private final double tareGrams;
    private final double deliveredFraction;
    private final double densityGPerMl;

    public SimulatedBalance(double tareGrams, double deliveredFraction, double densityGPerMl) {
        this.tareGrams = tareGrams;
        this.deliveredFraction = deliveredFraction;
        this.densityGPerMl = densityGPerMl;
    }

    /** Prints the weight with {@code pumpedUl} pumped so far, in the Sartorius-like form {@code +   12.3456 g}. */
    public void print(double pumpedUl) {
        double grams = tareGrams + pumpedUl * deliveredFraction / 1_000.0 * densityGPerMl;
        send(String.format(Locale.ROOT, "+ %10.4f g\r\n", grams));
    }

    /** Puts raw text on the line, as a balance would send it (a test's unusual formats and broken lines). */
    public void send(String text) {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            sent.add(b);
        }
    }

    @Override
    public int read(byte[] buffer) {
        int n = 0;
        while (n < buffer.length && !sent.isEmpty()) {
            buffer[n++] = sent.poll();
        }
        return n;
    }

    @Override
    public void close() {
        sent.clear();
    }
}
