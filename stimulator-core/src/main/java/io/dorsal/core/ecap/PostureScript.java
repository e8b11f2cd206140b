package io.dorsal.core.ecap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A patient's day in postures, as a file scripts it (docs/ecap.md): segments of postures, each held for its
 * duration, moved between in {@code transitionS}; coughs at given times; and windows in which the recording is lost
 * (the loop must fall back). Gives the lead-to-cord distance at any time. Immutable.
 *
 * @param transitionS how long a change of posture takes, s
 * @param segments    the postures in order, each for its duration
 * @param coughsAtS   when the patient coughs, s from the start
 * @param lostS       windows [from, to] in s in which the recording sees no ECAP (artefact, a loose contact)
 */
public record PostureScript(double transitionS, List<Segment> segments, List<Double> coughsAtS, List<double[]> lostS) {

    /** How far walking moves the cord about its standing place, mm, and how often, Hz (a step a second). */
    public static final double WALKING_SWING_MM = 0.3;
    public static final double WALKING_HZ = 1.0;
    /** How long a cough pushes the cord towards the lead, s (up and back). */
    public static final double COUGH_S = 0.4;

    /** One posture held for a time. */
    public record Segment(@JsonProperty(value = "posture", required = true) Posture posture,
                          @JsonProperty(value = "durationS", required = true) double durationS) {
        public Segment {
            if (posture == null || !(durationS > 0 && durationS <= 86_400)) {
                throw new IllegalArgumentException("a segment names a posture and lasts 0 to 86400 s: " + durationS);
            }
        }
    }

    public PostureScript {
        segments = List.copyOf(segments);
        coughsAtS = List.copyOf(coughsAtS);
        lostS = List.copyOf(lostS);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a posture script has at least one segment");
        }
        if (!(transitionS >= 0 && transitionS <= 60)) {
            throw new IllegalArgumentException("transitionS must be 0 to 60 s: " + transitionS);
        }
        for (double[] w : lostS) {
            if (w.length != 2 || !(w[0] >= 0 && w[1] > w[0])) {
                throw new IllegalArgumentException("a lost window is [from, to] with to after from");
            }
        }
    }

    private record Form(@JsonProperty("transitionS") Double transitionS,
                        @JsonProperty(value = "segments", required = true) List<Segment> segments,
                        @JsonProperty("coughsAtS") List<Double> coughsAtS,
                        @JsonProperty("lostS") List<double[]> lostS) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Reads a posture script; one line of what is wrong otherwise. */
    public static PostureScript read(Path file) throws IOException {
        return read(Files.readString(file));
    }

    public static PostureScript read(String json) throws IOException {
        Form form;
        try {
            form = JSON.readValue(json, Form.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("posture script: " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
        if (form == null) {
            throw new IOException("posture script: the file is empty");
        }
        try {
            return new PostureScript(form.transitionS() == null ? 0.5 : form.transitionS(), form.segments(),
                    form.coughsAtS() == null ? List.of() : form.coughsAtS(),
                    form.lostS() == null ? List.of() : form.lostS());
        } catch (IllegalArgumentException e) {
            throw new IOException("posture script: " + e.getMessage(), e);
        }
    }

    /** The script's length, s. */
    public double durationS() {
        return segments.stream().mapToDouble(Segment::durationS).sum();
    }

    /** The posture held at a time (the last one after the end). */
    public Posture postureAt(double tS) {
        double start = 0;
        for (Segment s : segments) {
            if (tS < start + s.durationS()) {
                return s.posture();
            }
            start += s.durationS();
        }
        return segments.getLast().posture();
    }

    /** The lead-to-cord distance at a time, mm: the postures with their transitions, walking's swing and coughs. */
    public double distanceMm(double tS) {
        double start = 0;
        double previous = segments.getFirst().posture().distanceMm();
        double distance = previous;
        // indexed loops, no iterators: the real-time loop's simulated cord calls this once a pulse
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (tS < start + s.durationS() || i == segments.size() - 1) {
                double into = tS - start;
                double target = s.posture().distanceMm();
                distance = transitionS > 0 && into < transitionS
                        ? previous + (target - previous) * Math.max(0, into) / transitionS : target;
                if (s.posture() == Posture.WALKING) {
                    distance += WALKING_SWING_MM * Math.sin(2 * Math.PI * WALKING_HZ * tS);
                }
                break;
            }
            previous = s.posture().distanceMm();
            start += s.durationS();
        }
        for (int i = 0; i < coughsAtS.size(); i++) {
            double since = tS - coughsAtS.get(i);
            if (since >= 0 && since < COUGH_S) {
                double peak = 1 - Math.abs(since - COUGH_S / 2) / (COUGH_S / 2);
                distance = Math.min(distance, distance + (Posture.COUGH.distanceMm() - distance) * peak);
            }
        }
        return distance;
    }

    /** Whether the recording sees nothing at a time. */
    public boolean lostAt(double tS) {
        for (int i = 0; i < lostS.size(); i++) {
            double[] w = lostS.get(i);
            if (tS >= w[0] && tS < w[1]) {
                return true;
            }
        }
        return false;
    }
}
