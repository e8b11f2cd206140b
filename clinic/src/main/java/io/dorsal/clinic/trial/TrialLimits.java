package io.dorsal.clinic.trial;

import io.dorsal.clinic.DeviceKind;
import io.dorsal.core.therapy.DeviceLimits;

/**
 * The device limits of an external trial stimulator (docs/safety.md, "Trial stimulator"): an external,
 * mains-free device on percutaneous leads, with the implant's programmable ranges but a larger battery, so more
 * compliance voltage ({@link #TRIAL_COMPLIANCE_VOLTAGE_V}, default); the implant keeps {@link DeviceLimits#DEFAULTS}.
 * A program that needs more than the implant's compliance is therefore safe on the trial and refused when it is
 * carried over.
 */
public final class TrialLimits {

    /** The external trial stimulator's compliance voltage (default; commercial trial stimulators state 12 to 18 V). */
    public static final double TRIAL_COMPLIANCE_VOLTAGE_V = 15.0;

    /** The external trial stimulator: the implant's ranges, its own compliance voltage. */
    public static final DeviceLimits EXTERNAL_STIMULATOR = withCompliance(DeviceLimits.DEFAULTS,
            TRIAL_COMPLIANCE_VOLTAGE_V);

    /** The permanent implant. */
    public static final DeviceLimits IMPLANT = DeviceLimits.DEFAULTS;

    private TrialLimits() {
    }

    /** The limits of a device of this kind: a trial stimulator's, or the implant's. */
    public static DeviceLimits forDevice(DeviceKind kind) {
        return kind == DeviceKind.TRIAL_STIMULATOR ? EXTERNAL_STIMULATOR : IMPLANT;
    }

    static DeviceLimits withCompliance(DeviceLimits d, double complianceVoltageV) {
        return new DeviceLimits(d.maxAmplitudeMa(), d.amplitudeStepMa(), d.maxContactCurrentMa(),
                d.minPulseWidthUs(), d.maxPulseWidthUs(), d.pulseWidthStepUs(),
                d.minTonicRateHz(), d.maxTonicRateHz(), d.minHighFrequencyRateHz(), d.maxHighFrequencyRateHz(),
                d.minPulsesPerBurst(), d.maxPulsesPerBurst(), d.maxIntraBurstRateHz(), d.minBurstRateHz(),
                d.maxBurstRateHz(), d.maxInterphaseGapUs(), d.maxRechargeRatio(), d.maxPrograms(),
                d.maxRampS(), d.minCycleS(), d.maxCycleS(),
                d.maxChargeDensityUcPerCm2(), d.maxShannonK(), complianceVoltageV,
                d.defaultImpedanceOhm(), d.openCircuitOhm(), d.shortCircuitOhm(), d.minProgramGapUs(),
                d.minContactAreaMm2(), d.maxContactAreaMm2(), d.couplingCapacitanceUf(),
                d.maxElectrodeChargeUcPerCm2(), d.minPassiveReturnPercent(), d.maxAmplitudeIncreasePerPeriodMa());
    }
}
