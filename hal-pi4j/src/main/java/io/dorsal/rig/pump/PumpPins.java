package io.dorsal.rig.pump;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dorsal.core.json.InputBounds;
import io.dorsal.core.json.JsonProblem;
import io.dorsal.core.json.JsonProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rig pump's pin map (its own file, beside the stimulator's): the BCM lines of a stepper driver (A4988 /
 * DRV8825 class) and the calibration of the peristaltic or syringe pump behind it.
 *
 * @param stepBcm          STEP: one rising edge, one microstep
 * @param dirBcm           DIR: the level that pumps forward is {@code forwardLevel}
 * @param enableBcm        ENABLE: active low on these drivers; high (disabled) is the safe level
 * @param forwardLevel     the DIR level that pumps towards the outlet (0 or 1)
 * @param ulPerStep        volume per step, microlitres, from the calibration (weigh what N steps deliver)
 * @param maxStepRateHz    fastest stepping the pump takes
 * @param stepPulseUs      STEP high time, microseconds (the drivers need at least 1 to 2)
 * @param balance          the balance that weighs what the pump delivers, or null when the rig has none
 */
public record PumpPins(@JsonProperty(value = "stepBcm", required = true) int stepBcm,
                       @JsonProperty(value = "dirBcm", required = true) int dirBcm,
                       @JsonProperty(value = "enableBcm", required = true) int enableBcm,
                       @JsonProperty(value = "forwardLevel", required = true) int forwardLevel,
                       @JsonProperty(value = "ulPerStep", required = true) double ulPerStep,
                       @JsonProperty(value = "maxStepRateHz", required = true) int maxStepRateHz,
                       @JsonProperty(value = "stepPulseUs", required = true) int stepPulseUs,
                       @JsonProperty("balance") BalanceSettings balance) {

    /** Largest pin map file read. */
    public static final int MAX_FILE_BYTES = 16 * 1024;

    /** What is read of a pump pin map: 16 KiB, nested 4 deep, strings of 200 and numbers of 32 characters. */
    private static final InputBounds BOUNDS = new InputBounds(MAX_FILE_BYTES, 4, 200, 32, 64, 64);

    /** As strict as the program file's reader: no duplicated key, no string or fraction for a whole number. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(BOUNDS.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private static final JsonProblems PROBLEMS = new JsonProblems(MAPPER, BOUNDS, "a pump pin map object",
            f -> Optional.empty());

    public PumpPins {
        for (int bcm : new int[] {stepBcm, dirBcm, enableBcm}) {
            if (bcm < 2 || bcm > 27) {
                throw new IllegalArgumentException("a BCM line is 2 to 27: " + bcm);
            }
        }
        if (stepBcm == dirBcm || stepBcm == enableBcm || dirBcm == enableBcm) {
            throw new IllegalArgumentException("STEP, DIR and ENABLE need three different lines");
        }
        // from power-on until stimctl drives them, GPIO0-8 are pulled high and GPIO9-27 low (docs/bench-rig.md):
        // ENABLE (active low) must sit on a pin pulled high, STEP on a pin pulled low, or the motor moves at boot
        if (enableBcm > 8) {
            throw new IllegalArgumentException("ENABLE (active low) needs a pin pulled high at boot, GPIO2 to 8: "
                    + enableBcm);
        }
        if (stepBcm < 9) {
            throw new IllegalArgumentException("STEP needs a pin pulled low at boot, GPIO9 to 27: " + stepBcm);
        }
        if (forwardLevel != 0 && forwardLevel != 1) {
            throw new IllegalArgumentException("forwardLevel is 0 or 1: " + forwardLevel);
        }
        if (!(ulPerStep > 0 && ulPerStep <= 100)) {
            throw new IllegalArgumentException("ulPerStep must be above 0 and at most 100 uL: " + ulPerStep);
        }
        if (maxStepRateHz < 1 || maxStepRateHz > 20_000) {
            throw new IllegalArgumentException("maxStepRateHz must be 1 to 20000: " + maxStepRateHz);
        }
        if (stepPulseUs < 2 || stepPulseUs > 1_000) {
            throw new IllegalArgumentException("stepPulseUs must be 2 to 1000: " + stepPulseUs);
        }
    }

    /**
     * Reads a pump pin map of at most {@link #MAX_FILE_BYTES} bytes of UTF-8 (a larger file, a device or a pipe is
     * refused after that many); one line of what is wrong on failure.
     */
    public static PumpPins read(Path file) throws IOException {
        String text;
        try {
            text = BOUNDS.readFile(file);
        } catch (InputBounds.TooLarge e) {
            throw new IOException("the file is " + e.getMessage(), e);
        }
        return read(text);
    }

    /** Reads a pump pin map's text; one line of what is wrong (line, column, field) on failure. */
    public static PumpPins read(String json) throws IOException {
        Optional<JsonProblem> beyond = PROBLEMS.beyondBounds(json);
        if (beyond.isPresent()) {
            throw new IOException(beyond.get().describe());
        }
        PumpPins pins;
        try {
            pins = MAPPER.readValue(json, PumpPins.class);
        } catch (JsonProcessingException e) {
            throw new IOException(PROBLEMS.describe(e, json).describe(), e);
        }
        if (pins == null) {
            throw new IOException("the file is null; expected a pump pin map object");
        }
        return pins;
    }
}
