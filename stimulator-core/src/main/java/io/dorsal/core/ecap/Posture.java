package io.dorsal.core.ecap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A posture and the distance from a thoracic epidural lead's contacts to the dorsal columns it holds, in millimetres,
 * through the cerebrospinal fluid. Dorsal's model figures (docs/ecap.md): lying supine lets the cord settle dorsally,
 * towards the lead; sitting and standing let it fall away; walking moves it about its standing place; a cough pushes
 * it towards the lead for a moment.
 */
public enum Posture {
    @JsonProperty("supine") SUPINE(2.5),
    @JsonProperty("sitting") SITTING(3.5),
    @JsonProperty("standing") STANDING(4.0),
    @JsonProperty("walking") WALKING(4.0),
    @JsonProperty("cough") COUGH(2.0);

    private final double distanceMm;

    Posture(double distanceMm) {
        this.distanceMm = distanceMm;
    }

    /** The lead-to-cord distance the posture settles at, in mm. */
    public double distanceMm() {
        return distanceMm;
    }
}
