package io.dorsal.clinic.trial;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries a trial's programs to the permanent implant: every contact re-mapped through a {@link ContactMap} onto
 * the implanted leads, the therapy re-validated by stimulator-core's {@link SafetyValidator} against the implant's
 * limits and the contact impedances measured on the implant, and every difference listed for the clinician to see
 * before anything is applied.
 */
public final class Carryover {

    private Carryover() {
    }

    /**
     * The plan for {@code trial} on an implant with {@code implantLeads} and {@code implantLimits};
     * {@code measuredImpedanceOhm} holds the implant's latest impedance check (may be empty).
     */
    public static CarryoverPlan plan(Therapy trial, List<Lead> implantLeads, DeviceLimits implantLimits,
            ContactMap map, Map<ContactId, Double> measuredImpedanceOhm) {
        Objects.requireNonNull(trial, "trial");
        List<String> differences = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (Lead from : trial.leads()) {
            ContactMap.Target to = map.leads().get(from.name());
            if (to == null) {
                continue;
            }
            Lead target = implantLeads.stream().filter(l -> l.name().equals(to.lead())).findFirst().orElse(null);
            if (target == null) {
                unmapped.add("lead " + from.name() + " maps to " + to.lead() + ", which the implant does not have");
                continue;
            }
            String shift = to.shift() == 0 ? "" : ", shifted " + (to.shift() > 0 ? "+" : "") + to.shift()
                    + " contact" + (Math.abs(to.shift()) == 1 ? "" : "s");
            differences.add("lead " + from.name() + " (" + from.contactCount() + " contacts of " + from.contactAreaMm2()
                    + " mm2) -> " + target.name() + " (" + target.contactCount() + " contacts of "
                    + target.contactAreaMm2() + " mm2" + shift + ")");
        }
        List<Program> programs = new ArrayList<>();
        for (Program p : trial.programs()) {
            Map<ContactId, Integer> electrodes = new LinkedHashMap<>();
            List<String> moves = new ArrayList<>();
            for (Map.Entry<ContactId, Integer> e : p.electrodes().entrySet()) {
                ContactId to = map.map(e.getKey());
                if (to == null) {
                    unmapped.add("program '" + p.name() + "': contact " + e.getKey() + " has no implanted contact"
                            + " (its lead is not mapped, or the shift moves it off the lead)");
                    continue;
                }
                if (electrodes.putIfAbsent(to, e.getValue()) != null) {
                    unmapped.add("program '" + p.name() + "': two trial contacts map to " + to);
                }
                if (!to.equals(e.getKey())) {
                    moves.add(e.getKey() + " -> " + to);
                }
            }
            differences.add("program '" + p.name() + "': " + (moves.isEmpty() ? "same contacts"
                    : String.join(", ", moves)));
            programs.add(new Program(p.name(), electrodes, p.amplitudeMa(), p.pulseWidthUs(), p.pattern(),
                    p.recharge(), p.rampS(), p.cycle(), p.patientRange()));
        }
        differences.addAll(limitDifferences(trial.limits(), implantLimits));
        if (!unmapped.isEmpty()) {
            return new CarryoverPlan(trial, null, map, differences, unmapped, List.of());
        }
        Therapy implant = new Therapy(implantLeads, programs, implantLimits);
        return switch (new SafetyValidator(implantLimits, measuredImpedanceOhm).validate(implant)) {
            case Validation.Safe safe -> new CarryoverPlan(trial, implant, map, differences, unmapped, List.of());
            case Validation.Unsafe unsafe -> new CarryoverPlan(trial, implant, map, differences, unmapped,
                    unsafe.violations());
        };
    }

    /** "device limit complianceVoltageV: 15.0 on the trial stimulator, 12.0 on the implant", one per field. */
    static List<String> limitDifferences(DeviceLimits trial, DeviceLimits implant) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : DeviceLimits.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(trial);
                Object b = c.getAccessor().invoke(implant);
                if (!a.equals(b)) {
                    out.add("device limit " + c.getName() + ": " + a + " on the trial stimulator, " + b
                            + " on the implant");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
