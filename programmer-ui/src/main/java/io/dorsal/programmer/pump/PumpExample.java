package io.dorsal.programmer.pump;

/** The prescription the embedded simulated pump starts with: examples/pump-morphine.json. */
public final class PumpExample {

    /** Morphine 10 mg/mL, 3 mg/day continuous, a 0.2 mg patient bolus (120 min lockout, 4 a day), 20 mL filled. */
    public static final String MORPHINE = """
            {
              "pump": { "type": "programmable", "reservoirMl": 20 },
              "drug": { "name": "morphine", "unit": "mg", "concentrationPerMl": 10 },
              "catheter": { "lengthCm": 60, "volumeUlPerCm": 2.2 },
              "mode": { "type": "continuous", "dosePerDay": 3 },
              "patientBolus": { "dose": 0.2, "durationMin": 10, "lockoutMin": 120, "maxPerDay": 4 },
              "reservoir": { "fillMl": 20, "lowAlarmMl": 2, "filledOn": "2026-12-01", "refillBy": "2027-01-10" }
            }
            """;

    private PumpExample() {
    }
}
