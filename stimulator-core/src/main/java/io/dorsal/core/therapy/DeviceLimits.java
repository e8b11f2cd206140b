package io.dorsal.core.therapy;

/**
 * The limits a therapy is held to. {@link #DEFAULTS} are Dorsal's device limits (domain.md); a program
 * file may tighten them (never loosen: the validator refuses that under the rule {@code device limits}).
 *
 * @param maxAmplitudeMa           total cathodic current of a program
 * @param amplitudeStepMa          resolution of an amplitude
 * @param maxContactCurrentMa      current on any one contact
 * @param minPulseWidthUs          shortest stimulation phase
 * @param maxPulseWidthUs          longest stimulation phase
 * @param pulseWidthStepUs         resolution of a pulse width
 * @param minTonicRateHz           slowest tonic rate
 * @param maxTonicRateHz           fastest tonic rate
 * @param minHighFrequencyRateHz   slowest high-frequency rate
 * @param maxHighFrequencyRateHz   fastest high-frequency rate
 * @param minPulsesPerBurst        fewest pulses in a burst
 * @param maxPulsesPerBurst        most pulses in a burst
 * @param maxIntraBurstRateHz      fastest pulse rate inside a burst
 * @param minBurstRateHz           slowest burst rate
 * @param maxBurstRateHz           fastest burst rate
 * @param maxInterphaseGapUs       longest gap between stimulation and active recharge
 * @param maxRechargeRatio         longest active recharge, as a multiple of the pulse width
 * @param maxPrograms              programs running together
 * @param maxRampS                 longest soft start
 * @param minCycleS                shortest on or off time of cycling
 * @param maxCycleS                longest on or off time of cycling
 * @param maxChargeDensityUcPerCm2 charge density per phase on a contact
 * @param maxShannonK              Shannon's k = log10(D) + log10(Q)
 * @param complianceVoltageV       the highest voltage a current source can drive
 * @param defaultImpedanceOhm      impedance assumed for a contact (and the can) whose impedance is unknown
 * @param openCircuitOhm           impedances above this are flagged open
 * @param shortCircuitOhm          impedances below this are flagged short
 * @param minProgramGapUs          quiet time between the phases of two different programs
 * @param minContactAreaMm2        smallest contact surface a lead may declare (small paddle contacts)
 * @param maxContactAreaMm2        largest contact surface a lead may declare (long percutaneous contacts)
 * @param couplingCapacitanceUf    the device's output coupling capacitor in series with each contact, unless a lead
 *                                 declares its own
 * @param maxElectrodeChargeUcPerCm2 the most charge an electrode may hold (before a passive window, in periodic
 *                                 steady state) over its area: the reversible charge injection of platinum-iridium
 * @param minPassiveReturnPercent  the least share of the charge an electrode holds that a passive window returns
 * @param maxAmplitudeIncreasePerPeriodMa the most a program's amplitude rises from one period to the next when a
 *                                 patient or clinician raises it; a larger increase ramps at this step
 */
public record DeviceLimits(
        double maxAmplitudeMa, double amplitudeStepMa, double maxContactCurrentMa,
        int minPulseWidthUs, int maxPulseWidthUs, int pulseWidthStepUs,
        int minTonicRateHz, int maxTonicRateHz, int minHighFrequencyRateHz, int maxHighFrequencyRateHz,
        int minPulsesPerBurst, int maxPulsesPerBurst, int maxIntraBurstRateHz, int minBurstRateHz,
        int maxBurstRateHz, int maxInterphaseGapUs, int maxRechargeRatio, int maxPrograms,
        double maxRampS, int minCycleS, int maxCycleS,
        double maxChargeDensityUcPerCm2, double maxShannonK, double complianceVoltageV,
        double defaultImpedanceOhm, double openCircuitOhm, double shortCircuitOhm, int minProgramGapUs,
        double minContactAreaMm2, double maxContactAreaMm2, double couplingCapacitanceUf,
        double maxElectrodeChargeUcPerCm2, double minPassiveReturnPercent, double maxAmplitudeIncreasePerPeriodMa) {

    /** Dorsal's device limits: the figures of domain.md, (typ.) and (default) alike. */
    public static final DeviceLimits DEFAULTS = new DeviceLimits(
            25.5, 0.1, 12.7,
            20, 1000, 10,
            2, 1200, 1000, 10_000,
            2, 10, 1000, 1,
            100, 100, 4, 4,
            10.0, 1, 90 * 60,
            30.0, 1.85, 12.0,
            1000.0, 4000.0, 250.0, 10,
            1.0, 30.0, 10.0,
            100.0, 5.0, 0.1);
}
