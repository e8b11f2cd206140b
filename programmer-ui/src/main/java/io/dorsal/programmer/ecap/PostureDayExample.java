package io.dorsal.programmer.ecap;

/** The posture day the closed-loop workspace runs: examples/posture-day.json. */
public final class PostureDayExample {

    /** 100 s: sitting, supine, sitting, standing, walking, sitting; three coughs; one second with the recording lost. */
    public static final String POSTURE_DAY = """
            {
              "transitionS": 0.5,
              "segments": [
                {"posture": "sitting", "durationS": 20},
                {"posture": "supine", "durationS": 20},
                {"posture": "sitting", "durationS": 10},
                {"posture": "standing", "durationS": 20},
                {"posture": "walking", "durationS": 20},
                {"posture": "sitting", "durationS": 10}
              ],
              "coughsAtS": [15.0, 45.0, 62.0],
              "lostS": [[85.0, 86.0]]
            }
            """;

    private PostureDayExample() {
    }
}
