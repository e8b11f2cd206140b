package io.dorsal.core.safety;

import io.dorsal.core.electrode.ElectrodeCharge;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.schedule.InterleavePlanner;
import io.dorsal.core.schedule.ProgramTimeline;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds a therapy to every safety rule of domain.md and to its device limits. Every path that can change
 * therapy (file, programmer, patient remote) comes through here. Stateless and thread safe.
 *
 * <p>Dose rules (contact current, charge density, Shannon, compliance) are checked at the programmed
 * amplitude and, when the program has a patient range, at its maximum too: the patient may step up to it.
 */
public final class SafetyValidator {

    /** Longest name of a lead or program. */
    public static final int MAX_NAME_LENGTH = 32;
    /** Most contacts on one lead. */
    public static final int MAX_CONTACTS_PER_LEAD = 32;
    /** Most leads on one generator (domain.md: 1 to 4). */
    public static final int MAX_LEADS = 4;
    /** Smallest coupling capacitor a device or lead may declare (docs/safety.md). */
    public static final double MIN_COUPLING_CAPACITANCE_UF = 1.0;
    /** Largest coupling capacitor a device or lead may declare (docs/safety.md). */
    public static final double MAX_COUPLING_CAPACITANCE_UF = 100.0;

    private static final java.util.regex.Pattern LEAD_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final java.util.regex.Pattern PROGRAM_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]*");
    private static final double STEP_TOLERANCE = 1e-6;

    private final DeviceLimits device;
    private final Map<ContactId, Double> measuredImpedanceOhm;

    /** A validator that takes contact impedances from the therapy's leads. */
    public SafetyValidator() {
        this(Map.of());
    }

    /** A validator that prefers impedances measured by the generator's impedance check. */
    public SafetyValidator(Map<ContactId, Double> measuredImpedanceOhm) {
        this(DeviceLimits.DEFAULTS, measuredImpedanceOhm);
    }

    /**
     * A validator for another device than the implant ({@link DeviceLimits#DEFAULTS}), such as an external trial
     * stimulator: a file's limits may tighten {@code device}'s limits, never loosen them.
     */
    public SafetyValidator(DeviceLimits device, Map<ContactId, Double> measuredImpedanceOhm) {
        this.device = java.util.Objects.requireNonNull(device, "device");
        this.measuredImpedanceOhm = Map.copyOf(measuredImpedanceOhm);
    }

    public Validation validate(Therapy therapy) {
        List<Violation> violations = new ArrayList<>();
        DeviceLimits limits = therapy.limits();
        checkDeviceLimits(device, limits, violations);
        // with a loosened or meaningless limit (a rate of 0 allowed, say) timelines are not worth building
        boolean limitsOk = violations.isEmpty();
        checkLeads(therapy, violations);
        checkProgramCount(therapy, limits, violations);

        List<ProgramTimeline> timelines = new ArrayList<>();
        List<List<ContactDose>> doses = new ArrayList<>();
        List<ProgramLoad> loads = new ArrayList<>();
        boolean allFit = true;
        Set<String> programNames = new HashSet<>();
        for (Program program : therapy.programs()) {
            String subject = "program '" + program.name() + "'";
            checkProgramName(program, subject, programNames, violations);
            checkElectrodes(therapy, program, subject, violations);
            checkAmplitude(program, subject, limits, violations);
            checkPulseWidth(program, subject, limits, violations);
            boolean ratesOk = checkPattern(program, subject, limits, violations);
            checkRecharge(program, subject, limits, violations);
            checkRamp(program, subject, limits, violations);
            program.cycle().ifPresent(c -> checkCycle(program, c, subject, limits, violations));
            program.patientRange().ifPresent(r -> checkPatientRange(program, r, subject, limits, violations));
            doses.add(checkDoses(therapy, program, subject, violations));
            if (ratesOk && limitsOk) {
                ProgramTimeline timeline = ProgramTimeline.of(program);
                timelines.add(timeline);
                if (!timeline.fitsPeriod()) {
                    allFit = false;
                    violations.add(timingViolation(program, timeline, subject));
                } else {
                    checkRechargeCurrents(therapy, program, timeline, subject, violations);
                    loads.add(checkLoads(therapy, program, timeline, subject, violations));
                }
            } else {
                allFit = false;
            }
        }
        long[] offsetsUs = new long[therapy.programs().size()];
        if (limitsOk && allFit && !therapy.programs().isEmpty()) {
            InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, limits.minProgramGapUs());
            if (plan.feasible()) {
                offsetsUs = plan.offsetsUs();
            } else {
                violations.add(InterleaveAdvice.violation(therapy, timelines, plan, limits));
            }
        }
        if (!violations.isEmpty()) {
            return new Validation.Unsafe(violations);
        }
        return new Validation.Safe(new ValidatedTherapy(therapy, timelines, offsetsUs, doses, loads));
    }

    /** Most program sets in one therapy (Dorsal's default; commercial systems offer 4 to 16 programs or areas). */
    public static final int MAX_PROGRAM_SETS = 8;

    /**
     * Holds a therapy's program sets to the rules: the sets themselves (names, programs that exist, an active set,
     * every program in some set), then each set as a whole, as the therapy it runs. A problem of a program shared by
     * several sets is reported once.
     */
    public SetsValidation validate(TherapySets sets) {
        List<Violation> violations = new ArrayList<>();
        checkSets(sets, violations);
        List<ValidatedTherapy> perSet = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ProgramSet set : sets.sets()) {
            switch (validate(sets.therapyOf(set))) {
                case Validation.Safe safe -> perSet.add(safe.therapy());
                case Validation.Unsafe unsafe -> {
                    for (Violation v : unsafe.violations()) {
                        boolean ofTheSet = v.rule() == SafetyRule.INTERLEAVING || v.rule() == SafetyRule.PROGRAM_COUNT;
                        Violation shown = sets.declared() && ofTheSet ? new Violation("set '" + set.name() + "', "
                                + v.subject(), v.field(), v.value(), v.limit(), v.rule()) : v;
                        if (seen.add(shown.message())) {
                            violations.add(shown);
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            return new SetsValidation.Unsafe(violations);
        }
        return new SetsValidation.Safe(sets, perSet);
    }

    private static void checkSets(TherapySets sets, List<Violation> out) {
        if (sets.sets().isEmpty() || sets.sets().size() > MAX_PROGRAM_SETS) {
            out.add(new Violation("therapy", "programSets", sets.sets().size() + " sets",
                    "1 to " + MAX_PROGRAM_SETS + " sets", SafetyRule.PROGRAM_SETS));
        }
        Set<String> names = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (ProgramSet set : sets.sets()) {
            String subject = "set '" + set.name() + "'";
            if (!PROGRAM_NAME.matcher(set.name()).matches() || set.name().length() > MAX_NAME_LENGTH) {
                out.add(new Violation(subject, "name", "'" + set.name() + "'", "letters, digits, spaces, '_', '.' or "
                        + "'-', starting with a letter or digit, at most " + MAX_NAME_LENGTH + " characters",
                        SafetyRule.NAMES));
            }
            if (!names.add(set.name())) {
                out.add(new Violation(subject, "name", "'" + set.name() + "' twice", "each set named once",
                        SafetyRule.NAMES));
            }
            if (set.programs().isEmpty()) {
                out.add(new Violation(subject, "programs", "no programs", "at least one program",
                        SafetyRule.PROGRAM_SETS));
            }
            Set<String> inSet = new HashSet<>();
            for (String program : set.programs()) {
                if (sets.library().program(program).isEmpty()) {
                    out.add(new Violation(subject, "programs", "'" + program + "' is not a program of the file",
                            "one of " + sets.library().programs().stream().map(Program::name).toList(),
                            SafetyRule.PROGRAM_SETS));
                }
                if (!inSet.add(program)) {
                    out.add(new Violation(subject, "programs", "'" + program + "' twice", "each program once in a set",
                            SafetyRule.PROGRAM_SETS));
                }
                used.add(program);
            }
        }
        if (sets.set(sets.activeSet()).isEmpty()) {
            out.add(new Violation("therapy", "activeSet", "'" + sets.activeSet() + "' is not a set of the file",
                    "one of " + sets.sets().stream().map(ProgramSet::name).toList(), SafetyRule.PROGRAM_SETS));
        }
        for (Program program : sets.library().programs()) {
            if (!used.contains(program.name())) {
                out.add(new Violation("program '" + program.name() + "'", "programSets", "in no set",
                        "every program in at least one set (remove it, or add it to a set)", SafetyRule.PROGRAM_SETS));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // therapy level

    private static void checkDeviceLimits(DeviceLimits d, DeviceLimits limits, List<Violation> out) {
        atMost("maxAmplitudeMa", limits.maxAmplitudeMa(), d.maxAmplitudeMa(), "mA", out);
        atMost("maxContactCurrentMa", limits.maxContactCurrentMa(), d.maxContactCurrentMa(), "mA", out);
        atLeast("minPulseWidthUs", limits.minPulseWidthUs(), d.minPulseWidthUs(), "us", out);
        atMost("maxPulseWidthUs", limits.maxPulseWidthUs(), d.maxPulseWidthUs(), "us", out);
        atLeast("minTonicRateHz", limits.minTonicRateHz(), d.minTonicRateHz(), "Hz", out);
        atMost("maxTonicRateHz", limits.maxTonicRateHz(), d.maxTonicRateHz(), "Hz", out);
        atLeast("minHighFrequencyRateHz", limits.minHighFrequencyRateHz(), d.minHighFrequencyRateHz(), "Hz", out);
        atMost("maxHighFrequencyRateHz", limits.maxHighFrequencyRateHz(), d.maxHighFrequencyRateHz(), "Hz", out);
        atLeast("minPulsesPerBurst", limits.minPulsesPerBurst(), d.minPulsesPerBurst(), "", out);
        atMost("maxPulsesPerBurst", limits.maxPulsesPerBurst(), d.maxPulsesPerBurst(), "", out);
        atMost("maxIntraBurstRateHz", limits.maxIntraBurstRateHz(), d.maxIntraBurstRateHz(), "Hz", out);
        atLeast("minBurstRateHz", limits.minBurstRateHz(), d.minBurstRateHz(), "Hz", out);
        atMost("maxBurstRateHz", limits.maxBurstRateHz(), d.maxBurstRateHz(), "Hz", out);
        atMost("maxInterphaseGapUs", limits.maxInterphaseGapUs(), d.maxInterphaseGapUs(), "us", out);
        atMost("maxRechargeRatio", limits.maxRechargeRatio(), d.maxRechargeRatio(), "", out);
        atMost("maxPrograms", limits.maxPrograms(), d.maxPrograms(), "", out);
        atMost("maxRampS", limits.maxRampS(), d.maxRampS(), "s", out);
        atLeast("minCycleS", limits.minCycleS(), d.minCycleS(), "s", out);
        atMost("maxCycleS", limits.maxCycleS(), d.maxCycleS(), "s", out);
        atMost("maxChargeDensityUcPerCm2", limits.maxChargeDensityUcPerCm2(), d.maxChargeDensityUcPerCm2(),
                "uC/cm2/phase", out);
        atMost("maxShannonK", limits.maxShannonK(), d.maxShannonK(), "", out);
        atMost("complianceVoltageV", limits.complianceVoltageV(), d.complianceVoltageV(), "V", out);
        atLeast("defaultImpedanceOhm", limits.defaultImpedanceOhm(), d.defaultImpedanceOhm(), "ohm", out);
        atMost("openCircuitOhm", limits.openCircuitOhm(), d.openCircuitOhm(), "ohm", out);
        atLeast("shortCircuitOhm", limits.shortCircuitOhm(), d.shortCircuitOhm(), "ohm", out);
        atLeast("minProgramGapUs", limits.minProgramGapUs(), d.minProgramGapUs(), "us", out);
        atLeast("minContactAreaMm2", limits.minContactAreaMm2(), d.minContactAreaMm2(), "mm2", out);
        atMost("maxContactAreaMm2", limits.maxContactAreaMm2(), d.maxContactAreaMm2(), "mm2", out);
        atMost("maxElectrodeChargeUcPerCm2", limits.maxElectrodeChargeUcPerCm2(), d.maxElectrodeChargeUcPerCm2(),
                "uC/cm2", out);
        atLeast("minPassiveReturnPercent", limits.minPassiveReturnPercent(), d.minPassiveReturnPercent(), "%", out);
        atMost("maxAmplitudeIncreasePerPeriodMa", limits.maxAmplitudeIncreasePerPeriodMa(),
                d.maxAmplitudeIncreasePerPeriodMa(), "mA", out);
        if (!(limits.couplingCapacitanceUf() >= MIN_COUPLING_CAPACITANCE_UF
                && limits.couplingCapacitanceUf() <= MAX_COUPLING_CAPACITANCE_UF)) {
            out.add(new Violation("therapy", "limits.couplingCapacitanceUf", withUnit(limits.couplingCapacitanceUf(), "uF"),
                    couplingRange(), SafetyRule.DEVICE_LIMITS));
        }
        sameStep("amplitudeStepMa", limits.amplitudeStepMa(), d.amplitudeStepMa(), "mA", out);
        sameStep("pulseWidthStepUs", limits.pulseWidthStepUs(), d.pulseWidthStepUs(), "us", out);
        if (limits.maxAmplitudeMa() <= 0 || limits.maxPulseWidthUs() < limits.minPulseWidthUs()
                || limits.maxTonicRateHz() < limits.minTonicRateHz()
                || limits.maxHighFrequencyRateHz() < limits.minHighFrequencyRateHz()
                || limits.maxPulsesPerBurst() < limits.minPulsesPerBurst()
                || limits.maxBurstRateHz() < limits.minBurstRateHz() || limits.maxCycleS() < limits.minCycleS()
                || limits.maxChargeDensityUcPerCm2() <= 0 || limits.complianceVoltageV() <= 0
                || limits.maxContactCurrentMa() <= 0 || limits.maxPrograms() < 1
                || limits.maxRechargeRatio() < 1 || limits.maxRampS() < 0 || limits.maxInterphaseGapUs() < 0
                || !(limits.maxContactAreaMm2() >= limits.minContactAreaMm2())
                || !(limits.maxElectrodeChargeUcPerCm2() > 0) || !(limits.minPassiveReturnPercent() < 100)
                || !(limits.maxAmplitudeIncreasePerPeriodMa() >= d.amplitudeStepMa() - STEP_TOLERANCE)) {
            out.add(new Violation("therapy", "limits", "an empty or negative range",
                    "every maximum above its minimum and above zero", SafetyRule.DEVICE_LIMITS));
        }
    }

    // atMost, atLeast and sameStep test "not within" so that NaN, which compares false with everything, is refused

    private static void atMost(String field, double value, double deviceMax, String unit, List<Violation> out) {
        if (!(value <= deviceMax + STEP_TOLERANCE)) {
            out.add(new Violation("therapy", "limits." + field, withUnit(value, unit),
                    "at most the device's " + withUnit(deviceMax, unit) + " (a file may tighten limits, never loosen them)",
                    SafetyRule.DEVICE_LIMITS));
        }
    }

    private static void atLeast(String field, double value, double deviceMin, String unit, List<Violation> out) {
        if (!(value >= deviceMin - STEP_TOLERANCE)) {
            out.add(new Violation("therapy", "limits." + field, withUnit(value, unit),
                    "at least the device's " + withUnit(deviceMin, unit) + " (a file may tighten limits, never loosen them)",
                    SafetyRule.DEVICE_LIMITS));
        }
    }

    private static void sameStep(String field, double value, double deviceStep, String unit, List<Violation> out) {
        if (!(Math.abs(value - deviceStep) <= STEP_TOLERANCE)) {
            out.add(new Violation("therapy", "limits." + field, withUnit(value, unit),
                    "the device's fixed " + withUnit(deviceStep, unit), SafetyRule.DEVICE_LIMITS));
        }
    }

    private static String couplingRange() {
        return withUnit(MIN_COUPLING_CAPACITANCE_UF, "uF") + " to " + withUnit(MAX_COUPLING_CAPACITANCE_UF, "uF")
                + " (output coupling capacitors of implanted generators)";
    }

    private static void checkLeads(Therapy therapy, List<Violation> out) {
        DeviceLimits limits = therapy.limits();
        if (therapy.leads().isEmpty() || therapy.leads().size() > MAX_LEADS) {
            out.add(new Violation("therapy", "leads", therapy.leads().size() + " leads",
                    "1 to " + MAX_LEADS + " leads", SafetyRule.LEADS));
        }
        Set<String> names = new HashSet<>();
        for (Lead lead : therapy.leads()) {
            String subject = "lead '" + lead.name() + "'";
            if (!LEAD_NAME.matcher(lead.name()).matches() || lead.name().length() > MAX_NAME_LENGTH
                    || "CASE".equals(lead.name())) {
                out.add(new Violation(subject, "name", "'" + lead.name() + "'",
                        "a letter, then letters, digits, '_' or '-', at most " + MAX_NAME_LENGTH
                                + " characters, not CASE", SafetyRule.NAMES));
            }
            if (!names.add(lead.name())) {
                out.add(new Violation(subject, "name", "'" + lead.name() + "' twice", "each lead named once",
                        SafetyRule.NAMES));
            }
            if (lead.contactCount() < 1 || lead.contactCount() > MAX_CONTACTS_PER_LEAD) {
                out.add(new Violation(subject, "contacts", String.valueOf(lead.contactCount()),
                        "1 to " + MAX_CONTACTS_PER_LEAD, SafetyRule.LEADS));
            }
            if (!(lead.contactAreaMm2() >= limits.minContactAreaMm2() - STEP_TOLERANCE
                    && lead.contactAreaMm2() <= limits.maxContactAreaMm2() + STEP_TOLERANCE)) {
                out.add(new Violation(subject, "contactAreaMm2", withUnit(lead.contactAreaMm2(), "mm2"),
                        withUnit(limits.minContactAreaMm2(), "mm2") + " to " + withUnit(limits.maxContactAreaMm2(), "mm2")
                                + " (paddle contacts from about 2 mm2, percutaneous 6 to 12 mm2, the longest about "
                                + "24 mm2)", SafetyRule.CONTACT_AREA));
            }
            if (lead.couplingCapacitanceUf().isPresent()
                    && !(lead.couplingCapacitanceUf().getAsDouble() >= MIN_COUPLING_CAPACITANCE_UF
                    && lead.couplingCapacitanceUf().getAsDouble() <= MAX_COUPLING_CAPACITANCE_UF)) {
                out.add(new Violation(subject, "couplingCapacitanceUf",
                        withUnit(lead.couplingCapacitanceUf().getAsDouble(), "uF"), couplingRange(), SafetyRule.LEADS));
            }
            if (lead.impedanceOhm().isPresent() && !(lead.impedanceOhm().getAsDouble() > 0)) {
                out.add(new Violation(subject, "impedanceOhm", withUnit(lead.impedanceOhm().getAsDouble(), "ohm"),
                        "above 0 ohm", SafetyRule.LEADS));
            }
            lead.layout().ifPresent(layout -> checkLayout(subject, lead, layout, out));
            lead.contactImpedanceOhm().forEach((index, ohm) -> {
                if (index < 0 || index >= lead.contactCount() || !(ohm > 0)) {
                    out.add(new Violation(subject, "contactImpedanceOhm." + index, withUnit(ohm, "ohm"),
                            "a contact index 0 to " + (lead.contactCount() - 1) + " and above 0 ohm",
                            SafetyRule.LEADS));
                }
            });
        }
    }

    /** The most columns a paddle has (commercial paddles have up to 5; docs/program-format.md). */
    public static final int MAX_COLUMNS = 8;
    /** How far a contact's stated area may differ from the one its layout gives: 10 %. */
    public static final double LAYOUT_AREA_TOLERANCE = 0.10;

    private static void checkLayout(String subject, Lead lead, io.dorsal.core.therapy.LeadLayout layout,
            List<Violation> out) {
        boolean percutaneous = layout.shape() == io.dorsal.core.therapy.LeadShape.PERCUTANEOUS;
        if (percutaneous ? layout.columns() != 1 : layout.columns() < 1 || layout.columns() > MAX_COLUMNS) {
            out.add(new Violation(subject, "layout.columns", String.valueOf(layout.columns()),
                    percutaneous ? "1 on a percutaneous lead" : "1 to " + MAX_COLUMNS + " on a paddle",
                    SafetyRule.LEADS));
        } else if (lead.contactCount() % layout.columns() != 0) {
            out.add(new Violation(subject, "layout.columns", layout.columns() + " columns of " + lead.contactCount()
                    + " contacts", "a number of columns that divides the contacts into equal columns",
                    SafetyRule.LEADS));
        }
        range(subject, "layout.contactLengthMm", layout.contactLengthMm(), 0.5, 10, out);
        range(subject, "layout.contactWidthMm", layout.contactWidthMm(), 0.5, 10, out);
        range(subject, "layout.gapMm", layout.gapMm(), 0, 20, out);
        range(subject, "layout.columnGapMm", layout.columnGapMm(), 0, 10, out);
        range(subject, "layout.tipOffsetMm", layout.tipOffsetMm(), 0, 40, out);
        range(subject, "layout.lateralMm", layout.lateralMm(), -25, 25, out);
        double drawn = layout.contactAreaMm2();
        if (drawn > 0 && Math.abs(lead.contactAreaMm2() - drawn) > LAYOUT_AREA_TOLERANCE * drawn) {
            out.add(new Violation(subject, "contactAreaMm2", withUnit(lead.contactAreaMm2(), "mm2"),
                    "the layout's " + withUnit(drawn, "mm2") + " within 10 % (" + (percutaneous
                            ? "a ring " + Figures.format(layout.contactWidthMm()) + " mm across and "
                            + Figures.format(layout.contactLengthMm()) + " mm long: pi x diameter x length"
                            : "a contact " + Figures.format(layout.contactWidthMm()) + " by "
                            + Figures.format(layout.contactLengthMm()) + " mm") + "); leave contactAreaMm2 out to"
                            + " use it", SafetyRule.CONTACT_AREA));
        }
    }

    private static void range(String subject, String field, double value, double min, double max,
            List<Violation> out) {
        if (!(value >= min && value <= max)) {
            out.add(new Violation(subject, field, withUnit(value, "mm"), withUnit(min, "mm") + " to "
                    + withUnit(max, "mm"), SafetyRule.LEADS));
        }
    }

    private static void checkProgramCount(Therapy therapy, DeviceLimits limits, List<Violation> out) {
        int count = therapy.programs().size();
        if (count < 1 || count > limits.maxPrograms()) {
            out.add(new Violation("therapy", "programs", count + " programs",
                    "1 to " + limits.maxPrograms() + " programs running together", SafetyRule.PROGRAM_COUNT));
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // program level

    private static void checkProgramName(Program program, String subject, Set<String> seen, List<Violation> out) {
        if (!PROGRAM_NAME.matcher(program.name()).matches() || program.name().length() > MAX_NAME_LENGTH) {
            out.add(new Violation(subject, "name", "'" + program.name() + "'",
                    "letters, digits, spaces, '_', '.' or '-', starting with a letter or digit, at most "
                            + MAX_NAME_LENGTH + " characters", SafetyRule.NAMES));
        }
        if (!seen.add(program.name())) {
            out.add(new Violation(subject, "name", "'" + program.name() + "' twice", "each program named once",
                    SafetyRule.NAMES));
        }
    }

    private void checkElectrodes(Therapy therapy, Program program, String subject, List<Violation> out) {
        if (program.electrodes().isEmpty()) {
            out.add(new Violation(subject, "electrodes", "no contacts", "at least one cathode and one anode",
                    SafetyRule.FRACTIONS));
            return;
        }
        int cathodeSum = 0;
        int anodeSum = 0;
        for (Map.Entry<ContactId, Integer> e : program.electrodes().entrySet()) {
            ContactId contact = e.getKey();
            int percent = e.getValue();
            String field = "contact " + contact;
            // counted before the existence check, so that a missing contact is not also reported as a bad sum
            if (percent < 0) {
                cathodeSum += percent;
            } else {
                anodeSum += percent;
            }
            if (!contactExists(therapy, contact)) {
                out.add(new Violation(subject, field, "not on any lead", "a contact of "
                        + therapy.leads().stream().map(l -> l.name() + " (0 to " + (l.contactCount() - 1) + ")")
                        .toList() + " or CASE", SafetyRule.CONTACTS));
                continue;
            }
            if (percent == 0 || percent < -100 || percent > 100) {
                out.add(new Violation(subject, field, percent + "%",
                        "-100% to -1% (cathode) or 1% to 100% (anode); leave an unused contact out",
                        SafetyRule.FRACTIONS));
            }
            if (contact.isCase() && percent < 0) {
                out.add(new Violation(subject, field, percent + "%", "the can is an anode only (positive %)",
                        SafetyRule.FRACTIONS));
            }
            double impedance = impedanceOhm(therapy, contact);
            DeviceLimits limits = therapy.limits();
            if (impedance > limits.openCircuitOhm()) {
                out.add(new Violation(subject, field, "impedance " + withUnit(impedance, "ohm") + " (open circuit)",
                        "at most " + withUnit(limits.openCircuitOhm(), "ohm") + " to carry current",
                        SafetyRule.IMPEDANCE));
            } else if (impedance < limits.shortCircuitOhm()) {
                out.add(new Violation(subject, field, "impedance " + withUnit(impedance, "ohm") + " (short circuit)",
                        "at least " + withUnit(limits.shortCircuitOhm(), "ohm") + " to carry current",
                        SafetyRule.IMPEDANCE));
            }
        }
        if (cathodeSum != -100) {
            out.add(new Violation(subject, "electrodes", "cathodes sum to " + cathodeSum + "%", "-100%",
                    SafetyRule.FRACTIONS));
        }
        if (anodeSum != 100) {
            out.add(new Violation(subject, "electrodes", "anodes sum to +" + anodeSum + "%", "+100%",
                    SafetyRule.FRACTIONS));
        }
    }

    private static void checkAmplitude(Program program, String subject, DeviceLimits limits, List<Violation> out) {
        double amplitude = program.amplitudeMa();
        if (!(amplitude >= 0) || amplitude > limits.maxAmplitudeMa() + STEP_TOLERANCE) {
            out.add(new Violation(subject, "amplitudeMa", withUnit(amplitude, "mA"),
                    "0 to " + withUnit(limits.maxAmplitudeMa(), "mA"), SafetyRule.AMPLITUDE));
        } else if (!onStep(amplitude, limits.amplitudeStepMa())) {
            out.add(new Violation(subject, "amplitudeMa", withUnit(amplitude, "mA"),
                    "a multiple of " + withUnit(limits.amplitudeStepMa(), "mA"), SafetyRule.AMPLITUDE));
        }
    }

    private static void checkPulseWidth(Program program, String subject, DeviceLimits limits, List<Violation> out) {
        int pw = program.pulseWidthUs();
        if (pw < limits.minPulseWidthUs() || pw > limits.maxPulseWidthUs()) {
            out.add(new Violation(subject, "pulseWidthUs", pw + " us",
                    limits.minPulseWidthUs() + " to " + limits.maxPulseWidthUs() + " us", SafetyRule.PULSE_WIDTH));
        } else if (pw % limits.pulseWidthStepUs() != 0) {
            out.add(new Violation(subject, "pulseWidthUs", pw + " us",
                    "a multiple of " + limits.pulseWidthStepUs() + " us", SafetyRule.PULSE_WIDTH));
        }
    }

    /** Returns whether the pattern's rates are all in range, so that its timeline can be built. */
    private static boolean checkPattern(Program program, String subject, DeviceLimits limits, List<Violation> out) {
        int before = out.size();
        switch (program.pattern()) {
            case Pattern.Tonic t -> rateInRange(subject, t.rateHz(), "tonic", limits.minTonicRateHz(),
                    limits.maxTonicRateHz(), "highFrequency", limits.minHighFrequencyRateHz(),
                    limits.maxHighFrequencyRateHz(), out);
            case Pattern.HighFrequency h -> rateInRange(subject, h.rateHz(), "highFrequency",
                    limits.minHighFrequencyRateHz(), limits.maxHighFrequencyRateHz(), "tonic",
                    limits.minTonicRateHz(), limits.maxTonicRateHz(), out);
            case Pattern.Burst b -> {
                inRange(subject, "pattern.pulsesPerBurst", b.pulsesPerBurst(), limits.minPulsesPerBurst(),
                        limits.maxPulsesPerBurst(), "pulses", SafetyRule.BURST, out);
                inRange(subject, "pattern.burstRateHz", b.burstRateHz(), limits.minBurstRateHz(),
                        limits.maxBurstRateHz(), "Hz", SafetyRule.BURST, out);
                inRange(subject, "pattern.intraBurstRateHz", b.intraBurstRateHz(),
                        Math.max(1, b.burstRateHz() * Math.max(1, b.pulsesPerBurst())), limits.maxIntraBurstRateHz(),
                        "Hz (a burst must end before the next starts)", SafetyRule.BURST, out);
            }
        }
        return out.size() == before;
    }

    private static void checkRecharge(Program program, String subject, DeviceLimits limits, List<Violation> out) {
        switch (program.recharge()) {
            case Recharge.Active a -> {
                inRange(subject, "recharge.interphaseGapUs", a.interphaseGapUs(), 0, limits.maxInterphaseGapUs(),
                        "us", SafetyRule.RECHARGE, out);
                inRange(subject, "recharge.ratio", a.ratio(), 1, limits.maxRechargeRatio(), "",
                        SafetyRule.RECHARGE, out);
            }
            case Recharge.Passive p -> {
                if (p.windowUs().isPresent() && p.windowUs().getAsInt() < program.pulseWidthUs()) {
                    out.add(new Violation(subject, "recharge.windowUs", p.windowUs().getAsInt() + " us",
                            "at least the pulse width, " + program.pulseWidthUs() + " us", SafetyRule.RECHARGE));
                }
            }
        }
    }

    private static void checkRamp(Program program, String subject, DeviceLimits limits, List<Violation> out) {
        if (!(program.rampS() >= 0) || program.rampS() > limits.maxRampS()) {
            out.add(new Violation(subject, "rampS", withUnit(program.rampS(), "s"),
                    "0 to " + withUnit(limits.maxRampS(), "s"), SafetyRule.RAMP));
        }
    }

    private static void checkCycle(Program program, Cycle cycle, String subject, DeviceLimits limits,
                                   List<Violation> out) {
        inRange(subject, "cycle.onS", cycle.onS(), limits.minCycleS(), limits.maxCycleS(), "s", SafetyRule.CYCLE, out);
        inRange(subject, "cycle.offS", cycle.offS(), limits.minCycleS(), limits.maxCycleS(), "s", SafetyRule.CYCLE,
                out);
        // a ramp restarts at every on-time: one that does not end inside it never reaches the amplitude
        if (program.rampS() > 0 && program.rampS() >= cycle.onS() - STEP_TOLERANCE) {
            out.add(new Violation(subject, "rampS", withUnit(program.rampS(), "s") + " ramp in a "
                    + cycle.onS() + " s on-time never reaches " + withUnit(program.amplitudeMa(), "mA"),
                    "shorter than cycle.onS, " + cycle.onS() + " s (shorten the ramp or lengthen the on-time)",
                    SafetyRule.RAMP_FITS_CYCLE));
        }
    }

    private static void checkPatientRange(Program program, PatientRange range, String subject, DeviceLimits limits,
                                          List<Violation> out) {
        if (!(range.minMa() >= 0) || !(range.maxMa() <= limits.maxAmplitudeMa() + STEP_TOLERANCE)
                || range.minMa() > range.maxMa()) {
            out.add(new Violation(subject, "patientRange", withUnit(range.minMa(), "mA") + " to "
                    + withUnit(range.maxMa(), "mA"), "a range inside 0 to " + withUnit(limits.maxAmplitudeMa(), "mA"),
                    SafetyRule.PATIENT_RANGE));
            return;
        }
        if (!onStep(range.minMa(), limits.amplitudeStepMa()) || !onStep(range.maxMa(), limits.amplitudeStepMa())) {
            out.add(new Violation(subject, "patientRange", withUnit(range.minMa(), "mA") + " to "
                    + withUnit(range.maxMa(), "mA"), "multiples of " + withUnit(limits.amplitudeStepMa(), "mA"),
                    SafetyRule.PATIENT_RANGE));
        }
        if (!range.contains(program.amplitudeMa())) {
            out.add(new Violation(subject, "amplitudeMa", withUnit(program.amplitudeMa(), "mA"),
                    "inside the patient range " + withUnit(range.minMa(), "mA") + " to "
                            + withUnit(range.maxMa(), "mA"), SafetyRule.PATIENT_RANGE));
        }
    }

    /** Checks contact current, charge density, Shannon and compliance; returns the doses at the amplitude. */
    private List<ContactDose> checkDoses(Therapy therapy, Program program, String subject, List<Violation> out) {
        List<ContactDose> atAmplitude = doses(therapy, program, program.amplitudeMa());
        if (atAmplitude.size() != program.electrodes().size()) {
            return atAmplitude;
        }
        checkDoseLimits(atAmplitude, "", subject, therapy.limits(), out);
        Optional<PatientRange> range = program.patientRange();
        if (range.isPresent() && range.get().maxMa() > program.amplitudeMa() + STEP_TOLERANCE
                && range.get().maxMa() <= therapy.limits().maxAmplitudeMa() + STEP_TOLERANCE) {
            double max = range.get().maxMa();
            checkDoseLimits(doses(therapy, program, max), " at the patient maximum " + withUnit(max, "mA"),
                    subject, therapy.limits(), out);
        }
        return atAmplitude;
    }

    /** The dose on each existing contact of a program at an amplitude, in the program's contact order. */
    public List<ContactDose> doses(Therapy therapy, Program program, double amplitudeMa) {
        List<ContactDose> result = new ArrayList<>();
        for (ContactId contact : program.electrodes().keySet()) {
            if (!contactExists(therapy, contact)) {
                continue;
            }
            double currentMa = program.contactCurrentUa(contact, amplitudeMa) / 1000.0;
            result.add(ContactDose.of(contact, currentMa, program.pulseWidthUs(), areaMm2(therapy, contact),
                    impedanceOhm(therapy, contact)));
        }
        return result;
    }

    private static void checkDoseLimits(List<ContactDose> doses, String when, String subject, DeviceLimits limits,
                                        List<Violation> out) {
        for (ContactDose dose : doses) {
            String field = "contact " + dose.contact() + when;
            double currentMa = Math.abs(dose.currentMa());
            if (currentMa > limits.maxContactCurrentMa() + STEP_TOLERANCE) {
                out.add(new Violation(subject, field, "current " + withUnit(currentMa, "mA"),
                        "at most " + withUnit(limits.maxContactCurrentMa(), "mA") + " on one contact",
                        SafetyRule.CONTACT_CURRENT));
            }
            if (dose.chargeDensityUcPerCm2() > limits.maxChargeDensityUcPerCm2() + STEP_TOLERANCE) {
                out.add(new Violation(subject, field, "charge density "
                        + withUnit(dose.chargeDensityUcPerCm2(), "uC/cm2/phase") + " (" + withUnit(dose.chargeUc(), "uC")
                        + " over " + withUnit(dose.areaMm2(), "mm2") + ")",
                        "at most " + withUnit(limits.maxChargeDensityUcPerCm2(), "uC/cm2/phase"),
                        SafetyRule.CHARGE_DENSITY));
            }
            if (dose.shannonK() > limits.maxShannonK() + STEP_TOLERANCE) {
                out.add(new Violation(subject, field, "k = " + Figures.format(dose.shannonK(), 3),
                        "k at most " + Figures.format(limits.maxShannonK(), 3), SafetyRule.SHANNON));
            }
        }
    }

    /**
     * The electrode model's rules (compliance of the current path, electrode charge, passive return) at the
     * amplitude and at the patient maximum; returns the load at the amplitude.
     */
    private ProgramLoad checkLoads(Therapy therapy, Program program, ProgramTimeline timeline, String subject,
                                   List<Violation> out) {
        ProgramLoad atAmplitude = load(therapy, program, timeline, program.amplitudeMa());
        if (atAmplitude.contacts().size() != program.electrodes().size()) {
            return atAmplitude;
        }
        DeviceLimits limits = therapy.limits();
        ElectrodeRules.checkLoad(program, atAmplitude, "", subject, limits, out);
        ElectrodeRules.checkPassiveReturn(program, atAmplitude, subject, limits, out);
        Optional<PatientRange> range = program.patientRange();
        if (range.isPresent() && range.get().maxMa() > program.amplitudeMa() + STEP_TOLERANCE
                && range.get().maxMa() <= limits.maxAmplitudeMa() + STEP_TOLERANCE) {
            double max = range.get().maxMa();
            ElectrodeRules.checkLoad(program, load(therapy, program, timeline, max),
                    " at the patient maximum " + withUnit(max, "mA"), subject, limits, out);
        }
        return atAmplitude;
    }

    /**
     * Each existing contact of a program as a circuit at an amplitude: its current, its tissue resistance (the
     * contact's impedance) in series with its coupling capacitor, and the charge its electrode holds over the
     * program's period. Contacts with no usable impedance or area are left out (other rules report them).
     */
    public ProgramLoad load(Therapy therapy, Program program, ProgramTimeline timeline, double amplitudeMa) {
        List<ContactLoad> contacts = new ArrayList<>();
        boolean passive = program.recharge() instanceof Recharge.Passive;
        for (ContactId contact : program.electrodes().keySet()) {
            if (!contactExists(therapy, contact)) {
                continue;
            }
            double ohm = impedanceOhm(therapy, contact);
            double uf = couplingCapacitanceUf(therapy, contact);
            double area = areaMm2(therapy, contact);
            if (!(ohm > 0) || Double.isInfinite(ohm) || !(uf > 0) || Double.isInfinite(uf) || !(area > 0)) {
                continue;
            }
            double currentMa = program.contactCurrentUa(contact, amplitudeMa) / 1000.0;
            SeriesRcLoad rc = new SeriesRcLoad(ohm, uf);
            contacts.add(new ContactLoad(contact, currentMa, area, rc,
                    ElectrodeCharge.of(timeline.phases(), passive, currentMa, rc)));
        }
        return new ProgramLoad(amplitudeMa, contacts);
    }

    /** The coupling capacitor in series with a contact: its lead's, else the device's. */
    public static double couplingCapacitanceUf(Therapy therapy, ContactId contact) {
        if (contact.isCase()) {
            return therapy.limits().couplingCapacitanceUf();
        }
        return therapy.lead(contact.lead())
                .map(l -> l.couplingCapacitanceUf().orElse(therapy.limits().couplingCapacitanceUf()))
                .orElse(therapy.limits().couplingCapacitanceUf());
    }

    /**
     * A recharge phase must not drive more than a contact may carry: a passive window shorter than the charge it
     * returns (a burst's five pulses over a short window, say) averages a current above the stimulation's.
     */
    private void checkRechargeCurrents(Therapy therapy, Program program, ProgramTimeline timeline, String subject,
                                       List<Violation> out) {
        double factor = 0;
        for (var phase : timeline.phases()) {
            if (phase.kind() == io.dorsal.core.schedule.PhaseKind.RECHARGE) {
                factor = Math.max(factor, Math.abs(phase.currentFactor()));
            }
        }
        if (factor <= 1.0 + STEP_TOLERANCE) {
            return;
        }
        double amplitudeMa = program.patientRange().map(r -> Math.max(r.maxMa(), program.amplitudeMa()))
                .orElse(program.amplitudeMa());
        DeviceLimits limits = therapy.limits();
        for (ContactDose dose : doses(therapy, program, amplitudeMa)) {
            double rechargeMa = Math.abs(dose.currentMa()) * factor;
            String field = "recharge on contact " + dose.contact()
                    + (amplitudeMa > program.amplitudeMa() ? " at the patient maximum " + withUnit(amplitudeMa, "mA") : "");
            if (rechargeMa > limits.maxContactCurrentMa() + STEP_TOLERANCE) {
                out.add(new Violation(subject, field, "the passive window averages " + withUnit(rechargeMa, "mA")
                        + " to return the charge", "at most " + withUnit(limits.maxContactCurrentMa(), "mA")
                        + " on one contact (lengthen recharge.windowUs or deliver less charge per period)",
                        SafetyRule.RECHARGE));
            }
            double volts = rechargeMa * dose.impedanceOhm() / 1000.0;
            if (volts > limits.complianceVoltageV() + STEP_TOLERANCE) {
                out.add(new Violation(subject, field, "drive voltage " + withUnit(volts, "V") + " ("
                        + withUnit(rechargeMa, "mA") + " x " + withUnit(dose.impedanceOhm(), "ohm") + ")",
                        "at most the compliance voltage " + withUnit(limits.complianceVoltageV(), "V"),
                        SafetyRule.COMPLIANCE));
            }
        }
    }

    private static Violation timingViolation(Program program, ProgramTimeline timeline, String subject) {
        if (program.pattern() instanceof Pattern.Burst b
                && program.pulseWidthUs() >= ProgramTimeline.periodUs(b.intraBurstRateHz())) {
            return new Violation(subject, "pulseWidthUs", program.pulseWidthUs() + " us pulses every "
                    + ProgramTimeline.periodUs(b.intraBurstRateHz()) + " us inside a burst touch and merge into one phase",
                    "a gap between the pulses of a burst (a shorter pulse or a slower intraBurstRateHz)",
                    SafetyRule.TIMING);
        }
        String detail = switch (program.pattern()) {
            case Pattern.Burst b -> "a burst's pulses and recharge";
            default -> "pulse, gap and recharge";
        };
        return new Violation(subject, "pulseWidthUs", detail + " need " + timeline.busyUntilUs() + " us",
                "the period, " + timeline.periodUs() + " us, with no phase overlapping the next", SafetyRule.TIMING);
    }

    // ----------------------------------------------------------------------------------------------------
    // helpers

    /**
     * A tonic or high-frequency rate within its pattern's range; a rate outside it that the other pattern allows
     * says so, since choosing the pattern is the usual fix ({@code 10000 Hz} on a tonic program).
     */
    private static void rateInRange(String subject, int rateHz, String pattern, int min, int max, String other,
                                    int otherMin, int otherMax, List<Violation> out) {
        if (rateHz >= min && rateHz <= max) {
            return;
        }
        String limit = min + " to " + max + " Hz";
        if (rateHz >= otherMin && rateHz <= otherMax) {
            limit += " for " + pattern + "; " + otherMin + " to " + otherMax + " Hz with pattern " + other;
        }
        out.add(new Violation(subject, "rateHz", rateHz + " Hz", limit, SafetyRule.RATE));
    }

    private static void inRange(String subject, String field, int value, int min, int max, String unit,
                                SafetyRule rule, List<Violation> out) {
        if (value < min || value > max) {
            out.add(new Violation(subject, field, (value + " " + unit).trim(),
                    (min + " to " + max + " " + unit).trim(), rule));
        }
    }

    static boolean onStep(double value, double step) {
        double steps = value / step;
        return Math.abs(steps - Math.rint(steps)) < STEP_TOLERANCE * Math.max(1, Math.abs(steps));
    }

    private static String withUnit(double value, String unit) {
        return unit.isEmpty() ? Figures.format(value) : Figures.format(value) + " " + unit;
    }

    private static boolean contactExists(Therapy therapy, ContactId contact) {
        if (contact.isCase()) {
            return true;
        }
        return therapy.lead(contact.lead()).map(l -> contact.index() < l.contactCount()).orElse(false);
    }

    /** The impedance used for a contact: measured, else the lead's model, else the device default. */
    public double impedanceOhm(Therapy therapy, ContactId contact) {
        Double measured = measuredImpedanceOhm.get(contact);
        if (measured != null) {
            return measured;
        }
        if (contact.isCase()) {
            return therapy.limits().defaultImpedanceOhm();
        }
        return therapy.lead(contact.lead())
                .flatMap(l -> {
                    var ohm = l.impedanceOhmOf(contact.index());
                    return ohm.isPresent() ? Optional.of(ohm.getAsDouble()) : Optional.<Double>empty();
                })
                .orElse(therapy.limits().defaultImpedanceOhm());
    }

    private static double areaMm2(Therapy therapy, ContactId contact) {
        if (contact.isCase()) {
            return ContactDose.CASE_AREA_MM2;
        }
        return therapy.lead(contact.lead()).map(Lead::contactAreaMm2).orElse(Double.NaN);
    }
}
