package io.dorsal.infusion.refill;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpEvent;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PrescriptionValidator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The electronic analysis a clinician keeps (seed 000): settings, reservoir, expected against drawn-back volume,
 * alarms, battery and delivery history, as plain text.
 */
public final class InterrogationReport {

    /** Most events the report lists (the latest). */
    public static final int MAX_EVENTS = 50;

    private InterrogationReport() {
    }

    /** The report of a pump, with the refill check when one was made. */
    public static String of(PumpFirmware pump, Optional<RefillCheck> refill) {
        PumpStatus s = pump.interrogate();
        Prescription p = pump.prescription();
        StringBuilder out = new StringBuilder();
        out.append("Dorsal drug pump: interrogation report (a model, not a medical device)\n");
        out.append(String.format(Locale.ROOT, "pump time            %.3f days%n", s.timeMs() / (double) DeliveryPlan.MS_PER_DAY));
        if (p == null) {
            out.append("settings             not programmed\n");
        } else {
            Drug d = p.drug();
            DeliveryPlan plan = DeliveryPlan.of(p);
            out.append("pump                 ").append(p.pump().fileType()).append(", reservoir ")
                    .append(PrescriptionValidator.ml(p.pump().reservoirUl())).append('\n');
            out.append("drug                 ").append(d.fileName()).append(' ')
                    .append(PrescriptionValidator.perMl(d, p.concentrationUgPerMl())).append('\n');
            out.append("mode                 ").append(p.mode().getClass().getSimpleName()).append(", ")
                    .append(PrescriptionValidator.perDay(d, plan.baseDailyDoseUg())).append(" (")
                    .append(PrescriptionValidator.mlPerDay(plan.baseDailyVolumeUl())).append(")\n");
            p.patientBolus().ifPresent(b -> out.append("patient bolus        ").append(d.format(b.doseUg()))
                    .append(" over ").append(b.durationMin()).append(" min, lockout ").append(b.lockoutMin())
                    .append(" min, at most ").append(b.maxPerDay()).append(" a day\n"));
            RefillDates dates = RefillDates.of(p);
            out.append("filled on            ").append(dates.filledOn()).append(", refill by ").append(dates.refillBy())
                    .append('\n');
            out.append("low reservoir about  ").append(dates.lowReservoirOn()).append(", empty about ")
                    .append(dates.emptyOn()).append('\n');
            out.append("delivered            ").append(PrescriptionValidator.ml(s.deliveredUl())).append(", ")
                    .append(d.format(s.drugUg())).append(" since the fill\n");
        }
        out.append("reservoir (expected) ").append(PrescriptionValidator.ml(s.reservoirUl())).append('\n');
        refill.ifPresent(r -> out.append("refill check         ").append(r.message()).append('\n'));
        out.append(String.format(Locale.ROOT, "battery              %.1f %%%n", s.batteryFraction() * 100));
        out.append("delivering           ").append(s.delivering() ? "yes" : "NO").append('\n');
        List<PumpAlarm> alarms = pump.alarms();
        if (alarms.isEmpty()) {
            out.append("alarms               none\n");
        } else {
            for (PumpAlarm a : alarms) {
                out.append("ALARM ").append(a.priority()).append("  ").append(a.eventName()).append(": ")
                        .append(a.meaning()).append('\n');
            }
        }
        List<PumpEvent> events = pump.events();
        out.append("events (latest ").append(Math.min(MAX_EVENTS, events.size())).append(" of ").append(events.size())
                .append(")\n");
        for (PumpEvent e : events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size())) {
            out.append(String.format(Locale.ROOT, "  %12.1f s  %-22s reservoir %s%s%n", e.timeMs() / 1000.0, e.name(),
                    PrescriptionValidator.ml(e.reservoirUl()), e.detail().isEmpty() ? "" : "  " + e.detail()));
        }
        return out.toString();
    }
}
