package io.dorsal.infusion.firmware;

import io.dorsal.core.time.Clock;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.pump.PumpKind;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pump's firmware on a clock. Delivery is in strokes of the pump's stroke volume: the programmed flow
 * accumulates a due volume and each whole stroke of it is delivered from the reservoir (a constant-flow pump flows
 * continuously; it is counted in {@link #CONSTANT_FLOW_RESOLUTION_UL} steps). {@link #poll()} brings the pump up to
 * the clock's time, event by event, so that alarms carry the time they would sound. Time of day for flexible
 * dosing: the clock's zero is a midnight.
 *
 * <p>Every change of prescription goes through the {@link PrescriptionValidator}; a refused one leaves the running
 * one untouched. Not thread safe: one owner calls it.
 */
public final class PumpFirmware {

    /** How long the pump runs after the elective replacement indicator before end of service: 90 days (label). */
    public static final long ERI_TO_EOS_MS = 90L * DeliveryPlan.MS_PER_DAY;
    /** Battery left at the elective replacement indicator (Dorsal's model: about 100 days of idle drain). */
    public static final double ERI_BATTERY_FRACTION = 0.035;
    /**
     * Battery drained a day with the motor idle: with {@link #BATTERY_PER_UL} it gives the labelled 5 to 7 years
     * of service (7 years at 0.5 mL/day, 5 years at 1.5 mL/day; docs/pump-format.md).
     */
    public static final double BATTERY_PER_DAY = 3.128e-4;
    /** Battery drained per microlitre pumped; see {@link #BATTERY_PER_DAY}. */
    public static final double BATTERY_PER_UL = 1.565e-7;
    /** A constant-flow pump has no strokes; its flow is counted in steps of this volume. */
    public static final double CONSTANT_FLOW_RESOLUTION_UL = 0.01;
    /** Entries the event log keeps; older ones are dropped, as a pump's memory is finite. */
    public static final int EVENT_LOG_CAPACITY = 10_000;

    private static final long NEVER = Long.MAX_VALUE;

    private final Clock clock;
    private final PrescriptionValidator validator = new PrescriptionValidator();
    private final ArrayDeque<PumpEvent> events = new ArrayDeque<>();
    private final EnumSet<PumpAlarm> alarms = EnumSet.noneOf(PumpAlarm.class);

    private Prescription prescription;
    private DeliveryPlan plan;
    private long nowMs;
    private long programStartMs;
    private double reservoirUl;
    private double strokeUl = PumpKind.Programmable.STROKE_UL;
    private double dueUl;
    private double frontUl;
    private double frontConcentrationUgPerMl;
    private double deliveredUl;
    private double drugUg;
    private long strokes;
    private long logged;
    private long bolusEndMs = Long.MIN_VALUE;
    private long[] bolusStartsMs = new long[0];
    private int bolusCount;
    private boolean suspended;
    private boolean inMri;
    private double batteryFraction = 1.0;
    private long eriAtMs = NEVER;
    private double bodyTemperatureC = PumpKind.ConstantFlow.NOMINAL_TEMPERATURE_C;
    private double ambientKpa = PumpKind.ConstantFlow.SEA_LEVEL_KPA;

    /** A pump with nothing programmed (delivering nothing), reading time from {@code clock}. */
    public PumpFirmware(Clock clock) {
        this.clock = clock;
        this.nowMs = clock.nanoTime() / 1_000_000L;
    }

    // ----------------------------------------------------------------------------------------------------
    // programming

    /**
     * Programs a freshly filled pump: validates, then starts the prescription with the reservoir at its fill. A
     * refused prescription changes nothing and is returned as {@link PumpValidation.Unsafe}.
     */
    public PumpValidation fill(Prescription p) {
        poll();
        PumpValidation v = validator.validate(p);
        if (v instanceof PumpValidation.Safe safe) {
            start(p, safe.plan(), p.reservoir().fillUl());
            alarms.remove(PumpAlarm.LOW_RESERVOIR);
            alarms.remove(PumpAlarm.EMPTY_RESERVOIR);
            log("filled", p.reservoir().fillUl(), 0, "filled with " + p.drug().fileName());
        } else {
            log("program_refused", 0, 0, ((PumpValidation.Unsafe) v).violations().get(0).message());
        }
        return v;
    }

    /**
     * Changes the prescription without a refill (the reservoir keeps its volume): the same validation; a refused
     * one changes nothing.
     */
    public PumpValidation reprogram(Prescription p) {
        poll();
        PumpValidation v = validator.validate(p);
        if (v instanceof PumpValidation.Safe safe) {
            start(p, safe.plan(), reservoirUl);
            log("programmed", 0, 0, modeWords(p));
        } else {
            log("program_refused", 0, 0, ((PumpValidation.Unsafe) v).violations().get(0).message());
        }
        return v;
    }

    private void start(Prescription p, DeliveryPlan newPlan, double reservoir) {
        prescription = p;
        plan = newPlan;
        programStartMs = nowMs;
        reservoirUl = reservoir;
        strokeUl = switch (p.pump()) {
            case PumpKind.Programmable pr -> pr.strokeUl();
            case PumpKind.ConstantFlow cf -> CONSTANT_FLOW_RESOLUTION_UL;
        };
        dueUl = 0;
        deliveredUl = 0;
        drugUg = 0;
        bolusEndMs = Long.MIN_VALUE;
        bolusStartsMs = new long[Math.max(1, newPlan.patientBolusesPerDay())];
        bolusCount = 0;
        boolean priming = p.startBoluses().stream().anyMatch(b -> b instanceof io.dorsal.infusion.prescription.StartBolus.Priming);
        if (priming) {
            frontUl = p.catheter().volumeUl();
            frontConcentrationUgPerMl = 0.0;
        } else if (p.previousConcentrationUgPerMl().isPresent()) {
            frontUl = p.catheter().deadVolumeUl();
            frontConcentrationUgPerMl = p.previousConcentrationUgPerMl().getAsDouble();
        } else {
            frontUl = 0;
        }
        checkEmpty();
    }

    // ----------------------------------------------------------------------------------------------------
    // time

    /** Brings the pump up to the clock's time. */
    public void poll() {
        advanceTo(clock.nanoTime() / 1_000_000L);
    }

    private void advanceTo(long targetMs) {
        while (nowMs < targetMs) {
            double rate = rateAt(nowMs);
            long next = Math.min(targetMs, nextBreakAfter(nowMs));
            double drainPerDay = BATTERY_PER_DAY + BATTERY_PER_UL * rate;
            if (eriAtMs == NEVER) {
                long cross = nowMs + (long) Math.ceil((batteryFraction - ERI_BATTERY_FRACTION) / drainPerDay
                        * DeliveryPlan.MS_PER_DAY);
                next = Math.min(next, Math.max(cross, nowMs + 1));
            } else if (!alarms.contains(PumpAlarm.END_OF_SERVICE)) {
                next = Math.min(next, Math.max(eriAtMs + ERI_TO_EOS_MS, nowMs + 1));
            }
            long stopAt = deliver(rate, next);
            batteryFraction = Math.max(0.0, batteryFraction - drainPerDay * (stopAt - nowMs) / DeliveryPlan.MS_PER_DAY);
            nowMs = stopAt;
            checkLow();
            checkEmpty();
            if (eriAtMs == NEVER && batteryFraction <= ERI_BATTERY_FRACTION + 1e-12) {
                eriAtMs = nowMs;
                raise(PumpAlarm.ELECTIVE_REPLACEMENT);
            }
            if (eriAtMs != NEVER && nowMs >= eriAtMs + ERI_TO_EOS_MS && !alarms.contains(PumpAlarm.END_OF_SERVICE)) {
                raise(PumpAlarm.END_OF_SERVICE);
            }
        }
    }

    /**
     * Delivers the strokes due between now and {@code untilMs} at {@code rate}; stops early at the stroke that
     * raises an alarm, and returns the time it got to.
     */
    private long deliver(double rateUlPerDay, long untilMs) {
        if (rateUlPerDay <= 0) {
            return untilMs;
        }
        double span = rateUlPerDay * (untilMs - nowMs) / DeliveryPlan.MS_PER_DAY;
        long due = (long) Math.floor((dueUl + span) / strokeUl + 1e-9);
        long toLow = alarms.contains(PumpAlarm.LOW_RESERVOIR) || reservoirUl <= lowAlarmUl() ? NEVER
                : (long) Math.ceil((reservoirUl - lowAlarmUl()) / strokeUl - 1e-9);
        long toEmpty = (long) Math.floor(reservoirUl / strokeUl + 1e-9);
        long k = Math.min(due, Math.min(toLow, toEmpty));
        if (k >= 1 && (k == toLow || k == toEmpty)) {
            // the stroke that raises an alarm: stop there, so that the alarm carries its time
            long at = nowMs + (long) Math.ceil((k * strokeUl - dueUl) / rateUlPerDay * DeliveryPlan.MS_PER_DAY - 1e-6);
            at = Math.max(nowMs, Math.min(at, untilMs));
            dueUl = Math.max(0.0, dueUl + rateUlPerDay * (at - nowMs) / DeliveryPlan.MS_PER_DAY - k * strokeUl);
            stroke(k);
            return at;
        }
        dueUl = dueUl + span - k * strokeUl;
        stroke(k);
        return untilMs;
    }

    private void stroke(long count) {
        if (count <= 0) {
            return;
        }
        double volume = count * strokeUl;
        double fromFront = Math.min(frontUl, volume);
        double drug = fromFront * frontConcentrationUgPerMl / 1000.0
                + (volume - fromFront) * prescription.concentrationUgPerMl() / 1000.0;
        frontUl -= fromFront;
        reservoirUl -= volume;
        if (reservoirUl < 1e-9) {
            reservoirUl = Math.max(0.0, reservoirUl);
        }
        deliveredUl += volume;
        drugUg += drug;
        strokes += count;
    }

    private double lowAlarmUl() {
        return prescription == null ? 0 : prescription.reservoir().lowAlarmUl();
    }

    private void checkLow() {
        if (prescription != null && !alarms.contains(PumpAlarm.LOW_RESERVOIR) && reservoirUl <= lowAlarmUl() + 1e-9) {
            raise(PumpAlarm.LOW_RESERVOIR);
        }
    }

    private void checkEmpty() {
        if (prescription != null && !alarms.contains(PumpAlarm.EMPTY_RESERVOIR) && reservoirUl < strokeUl - 1e-9) {
            raise(PumpAlarm.EMPTY_RESERVOIR);
        }
    }

    /** The flow at {@code t}, in microlitres a day. */
    private double rateAt(long t) {
        if (!delivering()) {
            return 0.0;
        }
        long since = t - programStartMs;
        double rate;
        if (since < plan.startDurationMs()) {
            rate = 0;
            long end = 0;
            for (DeliveryPlan.Segment s : plan.startSegments()) {
                end += s.durationMs();
                if (since < end) {
                    rate = s.rateUlPerDay();
                    break;
                }
            }
        } else if (prescription.pump() instanceof PumpKind.ConstantFlow cf) {
            rate = cf.rateUlPerDay(bodyTemperatureC, ambientKpa);
        } else {
            rate = plan.baseRateUlPerDay(minuteOfDay(t));
        }
        if (t < bolusEndMs) {
            rate += plan.patientBolusRateUlPerDay();
        }
        return rate;
    }

    /** The next time after {@code t} the flow may change. */
    private long nextBreakAfter(long t) {
        if (plan == null) {
            return NEVER;
        }
        long next = NEVER;
        long since = t - programStartMs;
        if (since < plan.startDurationMs()) {
            long end = programStartMs;
            for (DeliveryPlan.Segment s : plan.startSegments()) {
                end += s.durationMs();
                if (end > t) {
                    next = Math.min(next, end);
                    break;
                }
            }
        }
        if (bolusEndMs > t) {
            next = Math.min(next, bolusEndMs);
        }
        if (plan.stepCount() > 1) {
            long dayStart = Math.floorDiv(t, DeliveryPlan.MS_PER_DAY) * DeliveryPlan.MS_PER_DAY;
            long boundary = dayStart + DeliveryPlan.MS_PER_DAY;
            for (int i = 0; i < plan.stepCount(); i++) {
                long at = dayStart + plan.stepStartMinute(i) * DeliveryPlan.MS_PER_MINUTE;
                if (at > t) {
                    boundary = at;
                    break;
                }
            }
            next = Math.min(next, boundary);
        }
        return next;
    }

    private static int minuteOfDay(long t) {
        return (int) (Math.floorMod(t, DeliveryPlan.MS_PER_DAY) / DeliveryPlan.MS_PER_MINUTE);
    }

    // ----------------------------------------------------------------------------------------------------
    // requests

    /** A patient's bolus request, checked against the prescription's bolus, lockout and daily count. */
    public BolusResult requestBolus() {
        poll();
        if (plan == null || prescription.patientBolus().isEmpty()) {
            return refuse("no patient bolus is prescribed", NEVER);
        }
        if (!delivering()) {
            return refuse("the pump is not delivering (" + whyNotDelivering() + ")", NEVER);
        }
        PatientBolus b = prescription.patientBolus().get();
        long lockoutMs = b.lockoutMin() * DeliveryPlan.MS_PER_MINUTE;
        if (bolusCount > 0) {
            long last = bolusStartsMs[(bolusCount - 1) % bolusStartsMs.length];
            if (nowMs - last < lockoutMs) {
                return refuse("inside the lockout of " + b.lockoutMin() + " min", last + lockoutMs);
            }
        }
        if (bolusCount >= b.maxPerDay()) {
            long oldest = bolusStartsMs[(bolusCount - b.maxPerDay()) % bolusStartsMs.length];
            if (nowMs - oldest < DeliveryPlan.MS_PER_DAY) {
                return refuse("already " + b.maxPerDay() + " boluses in 24 hours", oldest + DeliveryPlan.MS_PER_DAY);
            }
        }
        bolusStartsMs[bolusCount % bolusStartsMs.length] = nowMs;
        bolusCount++;
        bolusEndMs = nowMs + b.durationMin() * DeliveryPlan.MS_PER_MINUTE;
        double volume = plan.patientBolusVolumeUl();
        log("bolus", volume, b.doseUg(), "patient bolus over " + b.durationMin() + " min");
        return new BolusResult.Given(volume, b.doseUg(), bolusEndMs);
    }

    private BolusResult refuse(String reason, long nextAt) {
        log("bolus_refused", 0, 0, reason);
        return new BolusResult.Refused(reason, nextAt);
    }

    /** The clinician's STOP: delivery stops at once and stays stopped until {@link #resume()}. */
    public void suspend() {
        poll();
        if (!suspended) {
            suspended = true;
            log("stopped", 0, 0, "suspended by the clinician");
        }
    }

    /** Ends a suspend. */
    public void resume() {
        poll();
        if (suspended) {
            suspended = false;
            log("resumed", 0, 0, "resumed by the clinician");
        }
    }

    /** The pump enters an MRI scanner's field: the motor stalls (label). */
    public void enterMri() {
        poll();
        if (!inMri) {
            inMri = true;
            log("mri_start", 0, 0, "motor stalled by the magnetic field");
        }
    }

    /** The pump leaves the field: delivery resumes, and the pump must be interrogated to confirm it (label). */
    public void leaveMri() {
        poll();
        if (inMri) {
            inMri = false;
            log("mri_end", 0, 0, "delivery resumes");
            raise(PumpAlarm.MRI_CHECK);
        }
    }

    /** A motor stall or memory error: a critical alarm that stops delivery until cleared. */
    public void fault(PumpAlarm fault) {
        if (fault != PumpAlarm.MOTOR_STALL && fault != PumpAlarm.MEMORY_ERROR) {
            throw new IllegalArgumentException("a fault is a motor stall or a memory error: " + fault);
        }
        poll();
        raise(fault);
    }

    /** A clinician clears a fault after checking the pump; delivery resumes. */
    public void clearFault(PumpAlarm fault) {
        poll();
        if ((fault == PumpAlarm.MOTOR_STALL || fault == PumpAlarm.MEMORY_ERROR) && alarms.remove(fault)) {
            log("fault_cleared", 0, 0, fault.eventName());
            if (delivering()) {
                log("resumed", 0, 0, "fault cleared");
            }
        }
    }

    /** Interrogation: reads the pump and acknowledges the post-MRI check. */
    public PumpStatus interrogate() {
        poll();
        if (alarms.remove(PumpAlarm.MRI_CHECK)) {
            log("mri_checked", 0, 0, "delivery confirmed after MRI");
        }
        log("interrogated", 0, 0, "");
        return status();
    }

    /** Body temperature and ambient pressure, which a constant-flow pump's flow follows. */
    public void conditions(double bodyTemperatureCelsius, double ambientPressureKpa) {
        poll();
        this.bodyTemperatureC = bodyTemperatureCelsius;
        this.ambientKpa = ambientPressureKpa;
    }

    /** Sets the battery, for a pump that is not new (a fraction from 0 to 1). */
    public void battery(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a battery fraction is from 0 to 1: " + fraction);
        }
        batteryFraction = fraction;
    }

    // ----------------------------------------------------------------------------------------------------
    // reading

    /** Whether the pump delivers now: programmed, not stopped by its mode, an alarm, MRI or a suspend. */
    public boolean delivering() {
        if (plan == null || suspended || inMri || prescription.mode() instanceof InfusionMode.Stopped) {
            return false;
        }
        for (PumpAlarm a : alarms) {
            if (a.stopsDelivery()) {
                return false;
            }
        }
        return true;
    }

    private String whyNotDelivering() {
        if (plan == null) {
            return "not programmed";
        }
        if (suspended) {
            return "suspended";
        }
        if (inMri) {
            return "in an MRI field";
        }
        for (PumpAlarm a : alarms) {
            if (a.stopsDelivery()) {
                return a.eventName();
            }
        }
        return "stopped mode";
    }

    public PumpStatus status() {
        return new PumpStatus(nowMs, reservoirUl, deliveredUl, drugUg, rateAt(nowMs), batteryFraction,
                Set.copyOf(alarms), delivering(), suspended, inMri);
    }

    /** The running prescription, or null before the first fill. */
    public Prescription prescription() {
        return prescription;
    }

    /** The time the pump has got to, in milliseconds. */
    public long nowMs() {
        return nowMs;
    }

    /** Volume in the reservoir, in microlitres. */
    public double reservoirUl() {
        return reservoirUl;
    }

    /** Volume delivered since the last fill, in microlitres. */
    public double deliveredUl() {
        return deliveredUl;
    }

    /** Drug delivered since the last fill, in micrograms. */
    public double drugUg() {
        return drugUg;
    }

    /** Strokes since the pump was made. */
    public long strokes() {
        return strokes;
    }

    public double batteryFraction() {
        return batteryFraction;
    }

    /** The active alarms, most urgent first. */
    public List<PumpAlarm> alarms() {
        List<PumpAlarm> list = new ArrayList<>(alarms);
        list.sort((a, b) -> a.priority().compareTo(b.priority()));
        return list;
    }

    /** The event log, oldest first. */
    public List<PumpEvent> events() {
        return List.copyOf(events);
    }

    /** How many events were ever logged (the log keeps the latest {@link #EVENT_LOG_CAPACITY}). */
    public long eventsLogged() {
        return logged;
    }

    /** The events logged after the first {@code count} ever logged, those the log still keeps, oldest first. */
    public List<PumpEvent> eventsSince(long count) {
        long fresh = Math.min(logged - count, events.size());
        List<PumpEvent> out = new ArrayList<>();
        if (fresh <= 0) {
            return out;
        }
        var it = events.descendingIterator();
        for (long i = 0; i < fresh; i++) {
            out.add(0, it.next());
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------------

    private void raise(PumpAlarm alarm) {
        boolean wasDelivering = delivering();
        if (alarms.add(alarm)) {
            log(alarm.eventName(), 0, 0, alarm.meaning());
            if (wasDelivering && !delivering()) {
                log("stopped", 0, 0, alarm.eventName());
            }
        }
    }

    private void log(String name, double volumeUl, double drug, String detail) {
        if (events.size() == EVENT_LOG_CAPACITY) {
            events.removeFirst();
        }
        events.addLast(new PumpEvent(nowMs, name, volumeUl, drug, reservoirUl, detail));
        logged++;
    }

    private static String modeWords(Prescription p) {
        return p.drug().fileName() + ", " + p.mode().getClass().getSimpleName();
    }
}
