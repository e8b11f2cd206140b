package io.dorsal.infusion.prescription;

import java.util.List;

/** How the pump delivers between boluses. Doses are in micrograms a day; the rate follows from the concentration. */
public sealed interface InfusionMode {

    /** Minutes in a day. */
    int MINUTES_PER_DAY = 24 * 60;

    /** No delivery at all. */
    record Stopped() implements InfusionMode {
    }

    /** One dose a day, delivered evenly. */
    record SimpleContinuous(double doseUgPerDay) implements InfusionMode {
    }

    /**
     * A day in timed steps, repeating daily: each step runs from its start to the next step's start (the last to
     * midnight); the first starts at minute 0.
     */
    record FlexibleDosing(List<Step> steps) implements InfusionMode {
        public FlexibleDosing {
            steps = List.copyOf(steps);
        }

        /** The step in force at {@code minuteOfDay}. */
        public Step stepAt(int minuteOfDay) {
            Step current = steps.get(0);
            for (Step s : steps) {
                if (s.startMinute() <= minuteOfDay) {
                    current = s;
                }
            }
            return current;
        }

        /** The minute the step at {@code index} ends. */
        public int endMinute(int index) {
            return index + 1 < steps.size() ? steps.get(index + 1).startMinute() : MINUTES_PER_DAY;
        }
    }

    /** A step of flexible dosing: from {@code startMinute} of the day at the rate of {@code doseUgPerDay}. */
    record Step(int startMinute, double doseUgPerDay) {
    }

    /** The least flow that keeps the catheter open: the pump's minimum rate. */
    record MinimumRate() implements InfusionMode {
    }

    /** A constant-flow pump's only mode: its own flow, the dose set by the concentration. */
    record ConstantFlow() implements InfusionMode {
    }
}
