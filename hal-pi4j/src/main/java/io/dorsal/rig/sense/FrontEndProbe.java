package io.dorsal.rig.sense;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dorsal.rig.amplitude.AmplitudeOutput;
import io.dorsal.rig.amplitude.AmplitudeOutputs;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Sensing;
import io.dorsal.rig.runtime.IdleStrategy;

/**
 * Short measuring pulses outside any therapy, for the self-test and the impedance measurement: sources set with
 * ENABLE off, then one cathode and one anode line closed, ENABLE on, every ADC channel read after {@link #SETTLE_NS},
 * ENABLE off first, lines open, sources back to their safe duty, then DISCHARGE closed for {@link #BLEED_NS} so the
 * coupling capacitors give back the pulse's charge. The output stage must be latched safe (no therapy armed) while a
 * probe runs; the caller re-drives it safe afterwards. Not thread safe.
 */
public final class FrontEndProbe {

    /** Time between ENABLE and the first conversion: the sources settle in a few microseconds. */
    public static final long SETTLE_NS = 20_000L;
    /**
     * DISCHARGE after each pulse: 100 ms is five time constants of a 2 kOhm path on 10 uF, so over 99 % of the
     * pulse's charge (1 mA x about 100 us) returns before the next pulse.
     */
    public static final long BLEED_NS = 100_000_000L;
    /** No line: a probe with one side left open. */
    public static final int NO_LINE = -1;

    /** What one pulse measured: each source's current in mA and the path voltage in V (anode minus cathode node). */
    public record Reading(double[] sourceMa, double pathV) {

        public Reading {
            sourceMa = sourceMa.clone();
        }

        /** The largest current any source carried, in mA. */
        public double largestMa() {
            double max = 0;
            for (double ma : sourceMa) {
                max = Math.max(max, ma);
            }
            return max;
        }
    }

    private final PinMap map;
    private final Sensing sensing;
    private final Mcp3008 adc;
    private final Clock clock;
    private final IdleStrategy idle;
    private final DigitalOutput[] outputs;
    private final AmplitudeOutput[] amplitudes;

    public FrontEndProbe(Context pi4j, PinMap map, Mcp3008 adc, Clock clock, IdleStrategy idle) {
        this.map = map;
        this.sensing = map.sensing().orElseThrow(() -> new IllegalArgumentException("the pin map has no sensing"));
        this.adc = adc;
        this.clock = clock;
        this.idle = idle;
        outputs = new DigitalOutput[map.lines().size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = pi4j.registry().get("dorsal-" + map.lines().get(i).name(), DigitalOutput.class);
        }
        // the stage's DAC or PWM devices on the context, reused
        amplitudes = AmplitudeOutputs.open(pi4j, map);
    }

    /**
     * One measuring pulse.
     *
     * @param cathodeLine a cathode line to close, or {@link #NO_LINE}
     * @param anodeLine   an anode line to close, or {@link #NO_LINE}
     * @param dutyPercent each source's setting during the pulse (DAC code or PWM duty)
     * @param enable      whether ENABLE goes active (false checks that nothing flows without it)
     */
    public Reading pulse(int cathodeLine, int anodeLine, int[] dutyPercent, boolean enable) {
        try {
            for (int s = 0; s < amplitudes.length; s++) {
                duty(s, dutyPercent[s]);
            }
            close(cathodeLine);
            close(anodeLine);
            if (enable) {
                level(PinMap.ENABLE_LINE, map.enable().activeLevel());
            }
            waitNs(SETTLE_NS);
            double[] sourceMa = new double[amplitudes.length];
            for (int s = 0; s < amplitudes.length; s++) {
                sourceMa[s] = sensing.sourceMa(s, adc.read(sensing.sourceChannel().get(s)));
            }
            double pathV = sensing.pathV(adc.read(sensing.pathChannel()));
            return new Reading(sourceMa, pathV);
        } finally {
            level(PinMap.ENABLE_LINE, map.enable().safeLevel());
            open(cathodeLine);
            open(anodeLine);
            for (int s = 0; s < amplitudes.length; s++) {
                duty(s, map.sources().get(s).safeSetting());
            }
            bleed();
        }
    }

    private void bleed() {
        int discharge = map.dischargeLine();
        if (discharge >= 0) {
            level(discharge, map.lines().get(discharge).activeLevel());
        }
        waitNs(BLEED_NS);
        if (discharge >= 0) {
            level(discharge, map.lines().get(discharge).safeLevel());
        }
    }

    private void waitNs(long ns) {
        long until = clock.nanoTime() + ns;
        for (long now = clock.nanoTime(); now < until; now = clock.nanoTime()) {
            idle.idle(now, until);
        }
    }

    private void close(int line) {
        if (line != NO_LINE) {
            level(line, map.lines().get(line).activeLevel());
        }
    }

    private void open(int line) {
        if (line != NO_LINE) {
            level(line, map.lines().get(line).safeLevel());
        }
    }

    private void level(int line, int level) {
        outputs[line].state(level == 1 ? DigitalState.HIGH : DigitalState.LOW);
    }

    private void duty(int source, int setting) {
        amplitudes[source].set(setting);
    }
}
