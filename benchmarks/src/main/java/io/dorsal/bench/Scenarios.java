package io.dorsal.bench;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import io.dorsal.rig.pins.PinMapException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The therapies the benchmarks run, as program files (docs/program-format.md), and the bench rig's pin map.
 * Each is checked by the {@link SafetyValidator} like any file: a benchmark never runs what the generator
 * would refuse.
 */
public final class Scenarios {

    /** Tonic 50 Hz, bipolar on L1.2 / L1.3, 3 mA, 300 us, active recharge: the classic program. */
    public static final String TONIC = """
            {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6.0, "impedanceOhm": 1000}],
             "programs": [{"name": "tonic", "electrodes": {"L1.2": -100, "L1.3": 100},
               "amplitudeMa": 3.0, "pulseWidthUs": 300, "rateHz": 50, "pattern": {"type": "tonic"},
               "recharge": {"type": "active", "interphaseGapUs": 50}}]}
            """;

    /**
     * 10 kHz high frequency, bipolar on L1.2 / L1.3, 3 mA, 30 us with active recharge after a 20 us gap: 80 us
     * of every 100 us period, plus the 10 us program gap. The densest program the device allows.
     */
    public static final String HIGH_FREQUENCY = """
            {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6.0, "impedanceOhm": 1000}],
             "programs": [{"name": "hf10k", "electrodes": {"L1.2": -100, "L1.3": 100},
               "amplitudeMa": 3.0, "pulseWidthUs": 30, "rateHz": 10000, "pattern": {"type": "highFrequency"},
               "recharge": {"type": "active", "interphaseGapUs": 20}}]}
            """;

    /** BurstDR: 40 Hz bursts of 5 pulses at 500 Hz, 1,000 us, balanced passively after each burst. */
    public static final String BURST = """
            {"leads": [{"name": "L1", "contacts": 16, "contactAreaMm2": 12.0}],
             "programs": [{"name": "burst", "electrodes": {"L1.5": -100, "L1.6": 100},
               "amplitudeMa": 0.8, "pulseWidthUs": 1000,
               "pattern": {"type": "burst", "pulsesPerBurst": 5, "intraBurstRateHz": 500, "burstRateHz": 40},
               "recharge": {"type": "passive"}}]}
            """;

    /**
     * Four programs interleaved on 32 contacts (four leads of eight): every contact carries current, four
     * cathodes and four anodes a lead. Tonic 50 Hz, tonic 100 Hz, a burst and 1 kHz high frequency, with
     * ramps and cycling, the most the device runs at once.
     */
    public static final String FOUR_PROGRAMS = """
            {"leads": [
               {"name": "L1", "contacts": 8, "contactAreaMm2": 6.0},
               {"name": "L2", "contacts": 8, "contactAreaMm2": 6.0},
               {"name": "L3", "contacts": 8, "contactAreaMm2": 6.0},
               {"name": "L4", "contacts": 8, "contactAreaMm2": 6.0}],
             "programs": [
               {"name": "low-back",
                "electrodes": {"L1.0": -25, "L1.1": -25, "L1.2": -25, "L1.3": -25,
                               "L1.4": 25, "L1.5": 25, "L1.6": 25, "L1.7": 25},
                "amplitudeMa": 4.0, "pulseWidthUs": 150, "rateHz": 50, "pattern": {"type": "tonic"},
                "recharge": {"type": "active", "interphaseGapUs": 20}, "rampS": 2,
                "cycle": {"onS": 60, "offS": 120}},
               {"name": "left-leg",
                "electrodes": {"L2.0": -25, "L2.1": -25, "L2.2": -25, "L2.3": -25,
                               "L2.4": 25, "L2.5": 25, "L2.6": 25, "L2.7": 25},
                "amplitudeMa": 3.0, "pulseWidthUs": 100, "rateHz": 100, "pattern": {"type": "tonic"},
                "recharge": {"type": "active", "interphaseGapUs": 20}},
               {"name": "right-leg",
                "electrodes": {"L3.0": -25, "L3.1": -25, "L3.2": -25, "L3.3": -25,
                               "L3.4": 25, "L3.5": 25, "L3.6": 25, "L3.7": 25},
                "amplitudeMa": 2.0, "pulseWidthUs": 100,
                "pattern": {"type": "burst", "pulsesPerBurst": 5, "intraBurstRateHz": 500, "burstRateHz": 40},
                "recharge": {"type": "active", "interphaseGapUs": 20}},
               {"name": "hf",
                "electrodes": {"L4.0": -25, "L4.1": -25, "L4.2": -25, "L4.3": -25,
                               "L4.4": 25, "L4.5": 25, "L4.6": 25, "L4.7": 25},
                "amplitudeMa": 2.0, "pulseWidthUs": 30, "rateHz": 1000, "pattern": {"type": "highFrequency"},
                "recharge": {"type": "active", "interphaseGapUs": 20}}]}
            """;

    private Scenarios() {
    }

    /** A scenario by the name the benchmarks' {@code scenario} parameter uses. */
    public static String json(String scenario) {
        return switch (scenario) {
            case "tonic50" -> TONIC;
            case "hf10k" -> HIGH_FREQUENCY;
            case "burst" -> BURST;
            case "four32" -> FOUR_PROGRAMS;
            default -> throw new IllegalArgumentException("no scenario '" + scenario
                    + "'; one of tonic50, hf10k, burst, four32");
        };
    }

    /** Reads a program file's text. */
    public static Therapy therapy(String json) {
        try {
            return ProgramCodec.read(json);
        } catch (ProgramFileException e) {
            throw new IllegalStateException("a benchmark's program file does not read: " + e.getMessage(), e);
        }
    }

    /** Reads and validates a program file's text; a refused one is a mistake in the benchmark. */
    public static ValidatedTherapy validated(String json) {
        return switch (new SafetyValidator().validate(therapy(json))) {
            case Validation.Safe safe -> safe.therapy();
            case Validation.Unsafe unsafe -> throw new IllegalStateException(
                    "a benchmark's therapy is unsafe: " + unsafe.violations());
        };
    }

    /** The bench rig's pin map (examples/rig-pins.json, packed into the jar). */
    public static PinMap rigPins() {
        try (InputStream in = Scenarios.class.getResourceAsStream("/rig-pins.json")) {
            if (in == null) {
                throw new IllegalStateException("rig-pins.json is not in the benchmarks jar");
            }
            return PinMapCodec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PinMapException e) {
            throw new IllegalStateException("the rig pin map does not read: " + e.getMessage(), e);
        }
    }
}
