package io.dorsal.clinic;

/** What a device is: an external trial stimulator or implant for stimulation, a trial or implanted drug pump. */
public enum DeviceKind {
    TRIAL_STIMULATOR(true, false),
    IMPLANTED_STIMULATOR(false, false),
    TRIAL_PUMP(true, true),
    IMPLANTED_PUMP(false, true);

    private final boolean trial;
    private final boolean pump;

    DeviceKind(boolean trial, boolean pump) {
        this.trial = trial;
        this.pump = pump;
    }

    public boolean trial() {
        return trial;
    }

    public boolean pump() {
        return pump;
    }
}
