package io.dorsal.programmer.pump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.firmware.PumpAlarm;
import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.safety.Violation;
import io.dorsal.programmer.model.SessionLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pump workspace's state over a pump ({@link PumpDevice}: the embedded simulated pump, or one a rig serves over the
 * link): the draft prescription (the numbers a clinician edits, validated after every change, each rule shown beside
 * the number that breaks it), the pump's status and alarms, the refill workflow (draw back, check, fill), the
 * patient's bolus and the interrogation report. The embedded pump's time is the clinician's to advance (days pass at a
 * click); a rig's runs on the rig's clock. Every action lands in the session log. UI thread only.
 */
public final class PumpModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PumpDevice pump;
    private final SessionLog log;
    private final String clinician;
    private final ObjectNode draft;
    private final List<PumpField> fields = new ArrayList<>();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canProgram = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<PumpStatus> status = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> alarms = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper bolusMessage = new ReadOnlyStringWrapper("");
    private final DoubleProperty drawnMl = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper refillMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper refillChecked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final PumpEdits edits;
    private Prescription checked;
    private Optional<RefillCheck> lastRefill = Optional.empty();
    private java.util.function.Consumer<Refilled> onRefilled = refill -> { };

    /**
     * A refill the pump took, for the patient's record.
     *
     * @param drug                  the new fill's drug, by name
     * @param concentrationMgPerMl  of the new fill
     * @param expectedResidualMl    what the pump expected to be drawn back
     * @param drawnMl               what was drawn back
     * @param filledMl              what was filled
     */
    public record Refilled(String drug, double concentrationMgPerMl, double expectedResidualMl, double drawnMl,
                           double filledMl) {
    }

    /**
     * The workspace over the embedded simulated pump.
     *
     * @param prescriptionFile the prescription the pump is filled with at the start, and the draft's first form
     */
    public PumpModel(String prescriptionFile, SessionLog log, String clinician) throws PrescriptionFileException {
        this(new EmbeddedPump(PrescriptionCodec.read(prescriptionFile)), log, clinician);
        log.add(clinician, "pump filled", pump.prescription().drug().fileName(), "", summary(pump.prescription()));
    }

    /** The workspace over a pump (embedded, or a rig's over the link); the draft starts as what it runs. */
    public PumpModel(PumpDevice device, SessionLog log, String clinician) {
        this.pump = device;
        this.log = log;
        this.clinician = clinician;
        Prescription first = device.prescription();
        try {
            draft = (ObjectNode) JSON.readTree(PrescriptionCodec.write(first));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("our own prescription file reads back", e);
        }
        field("drug", "concentrationPerMl", "Concentration", unit(first) + "/mL");
        if (draft.path("mode").has("dosePerDay")) {
            field("mode", "dosePerDay", "Dose per day", unit(first) + "/day");
        }
        if (draft.has("patientBolus")) {
            field("patientBolus", "dose", "Patient bolus dose", unit(first));
            field("patientBolus", "lockoutMin", "Bolus lockout", "min");
            field("patientBolus", "maxPerDay", "Boluses a day at most", "");
        }
        field("reservoir", "fillMl", "Fill volume", "mL");
        field("reservoir", "lowAlarmMl", "Low-reservoir alarm", "mL");
        for (PumpField f : fields) {
            f.valueProperty().addListener((obs, was, now) -> revalidate());
        }
        edits = new PumpEdits(fields, log, clinician);
        revalidate();
        refresh();
        if (!device.simulated()) {
            log.add(clinician, "pump connected", first.drug().fileName(), "", device.description());
        }
    }

    /** Whether the pump's time passes at a click (the embedded simulation); a rig's pump runs on its clock. */
    public boolean simulated() {
        return pump.simulated();
    }

    /** Lets go of the pump (a rig's connection). */
    public void close() {
        pump.close();
    }

    private void field(String object, String name, String label, String unit) {
        fields.add(new PumpField(object, name, label, unit, draft.path(object).path(name).asDouble()));
    }

    private static String unit(Prescription p) {
        return p.drug().unit().symbol();
    }

    /** Undo and redo of the draft's numbers. */
    public PumpEdits edits() {
        return edits;
    }

    /** The numbers the editor shows, in the file's order. */
    public List<PumpField> fields() {
        return List.copyOf(fields);
    }

    /** Reads the draft, validates it, and puts each rule it breaks beside its number (and in the list). */
    private void revalidate() {
        for (PumpField f : fields) {
            JsonNode holder = draft.path(f.object());
            if (holder instanceof ObjectNode node) {
                double v = f.valueProperty().get();
                if (v == Math.rint(v) && (f.name().endsWith("Min") || f.name().equals("maxPerDay"))) {
                    node.put(f.name(), (long) v);
                } else {
                    node.put(f.name(), v);
                }
            }
            f.problem("");
        }
        List<String> all = new ArrayList<>();
        checked = null;
        try {
            Prescription p = PrescriptionCodec.read(draft.toString());
            PumpValidation v = new PrescriptionValidator().validate(p);
            if (v instanceof PumpValidation.Unsafe unsafe) {
                for (Violation violation : unsafe.violations()) {
                    all.add(violation.message());
                    fields.stream().filter(f -> f.name().equals(violation.field())).findFirst()
                            .ifPresent(f -> f.problem(violation.value() + "; limit " + violation.limit() + " ("
                                    + violation.rule().label() + ")"));
                }
            } else {
                checked = p;
            }
        } catch (PrescriptionFileException e) {
            all.add(e.describe());
        }
        problems.setAll(all);
        canProgram.set(checked != null);
    }

    /** Every rule the draft breaks, one line each; empty when it is safe. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** Whether the draft is safe, so that it may be programmed. */
    public ReadOnlyBooleanProperty canProgramProperty() {
        return canProgram.getReadOnlyProperty();
    }

    /** Programs the pump with the draft without a refill (the reservoir keeps its volume). */
    public void program() {
        if (checked == null) {
            return;
        }
        String before = summary(pump.prescription());
        Optional<String> refused = pump.reprogram(checked);
        if (refused.isEmpty()) {
            log.add(clinician, "pump programmed", checked.drug().fileName(), before, summary(checked));
            message.set("Programmed: " + summary(checked) + ".");
        } else {
            message.set("Refused by the pump: " + refused.get());
        }
        refresh();
    }

    /** The 24-hour dose chart: the base rate hour by hour (mL/day), from the draft if safe, else the pump's. */
    public double[] hourlyRateMlPerDay() {
        Prescription p = checked != null ? checked : pump.prescription();
        DeliveryPlan plan = DeliveryPlan.of(p);
        double[] rates = new double[24];
        for (int h = 0; h < 24; h++) {
            rates[h] = plan.baseRateUlPerDay(h * 60) / 1_000.0;
        }
        return rates;
    }

    /** The dose a day the chart's plan delivers, with its unit (such as {@code 3 mg}). */
    public String dailyDose() {
        Prescription p = checked != null ? checked : pump.prescription();
        return p.drug().format(DeliveryPlan.of(p).baseDailyDoseUg());
    }

    /** Lets the simulated pump run for some hours, then reads it (nothing for a rig's pump: it runs on its clock). */
    public void advanceHours(double hours) {
        if (!pump.simulated()) {
            return;
        }
        pump.advanceHours(hours);
        refresh();
        message.set(String.format(Locale.ROOT, "%.0f h passed on the simulated pump.", hours));
    }

    /** The patient's bolus request: given, or refused with why (and, on the embedded pump, when the next is allowed). */
    public void requestBolus() {
        PumpDevice.BolusAnswer answer = pump.bolus();
        bolusMessage.set(answer.words());
        log.add("patient", "pump bolus", answer.given() ? "given" : "refused", "", answer.words());
        refresh();
    }

    /** The clinician's STOP: delivery suspended at once. */
    public void suspend() {
        pump.suspend();
        log.add(clinician, "pump suspended", "STOP", "delivering", "suspended");
        message.set("Pump suspended: nothing is delivered until it is resumed.");
        refresh();
    }

    public void resume() {
        pump.resume();
        log.add(clinician, "pump resumed", "", "suspended", "delivering");
        message.set("Pump resumed.");
        refresh();
    }

    /** Refill, step 1: the volume drawn back from the reservoir, in mL. */
    public DoubleProperty drawnMlProperty() {
        return drawnMl;
    }

    /**
     * Refill, step 2: the drawn-back volume against what the pump expects. A discrepancy (or nothing returned)
     * blocks the fill: look before refilling.
     */
    public void checkRefill() {
        PumpStatus now = pump.status();
        RefillCheck check = new RefillCheck(now.reservoirUl(), now.deliveredUl(), drawnMl.get() * 1_000.0,
                pump.prescription().pump().accuracyFraction());
        lastRefill = Optional.of(check);
        refillMessage.set(check.message());
        refillChecked.set(check.finding() == Discrepancy.WITHIN);
        log.add(clinician, "pump refill check", String.format(Locale.ROOT, "drawn back %.2f mL", drawnMl.get()), "",
                check.finding().words());
    }

    /** Refill, step 3: fill with the draft (safe, and only after a check that agreed). */
    public void fill() {
        if (!refillChecked.get() || checked == null) {
            return;
        }
        String before = summary(pump.prescription());
        Optional<String> refused = pump.refill(checked, drawnMl.get());
        if (refused.isEmpty()) {
            log.add(clinician, "pump refilled", checked.drug().fileName(), before, summary(checked));
            onRefilled.accept(new Refilled(checked.drug().fileName(), checked.concentrationUgPerMl() / 1_000.0,
                    lastRefill.map(RefillCheck::expectedUl).orElse(0.0) / 1_000.0, drawnMl.get(),
                    checked.reservoir().fillUl() / 1_000.0));
            message.set("Refilled: " + summary(checked) + ".");
            refillChecked.set(false);
        } else {
            message.set("Refused by the pump: " + refused.get());
        }
        refresh();
    }

    /** What else learns of each refill the pump took (the patient's record). */
    public void onRefilled(java.util.function.Consumer<Refilled> listener) {
        this.onRefilled = listener;
    }

    public ReadOnlyStringProperty refillMessageProperty() {
        return refillMessage.getReadOnlyProperty();
    }

    /** Whether the last refill check agreed, so that the fill may go ahead. */
    public ReadOnlyBooleanProperty refillCheckedProperty() {
        return refillChecked.getReadOnlyProperty();
    }

    /** The interrogation report as the pump would print it (with the last refill check, if any). */
    public String interrogationReport() {
        return pump.interrogationReport(lastRefill);
    }

    private void refresh() {
        PumpStatus s = pump.status();
        status.set(s);
        alarms.setAll(s.alarms().stream()
                .sorted(Comparator.comparing(PumpAlarm::priority).thenComparing(PumpAlarm::name))
                .map(a -> a.priority().name().replace('_', '-') + ": " + a.meaning()).toList());
    }

    public ReadOnlyObjectProperty<PumpStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The active alarms, most urgent first, each in words. */
    public ObservableList<String> alarms() {
        return alarms;
    }

    public ReadOnlyStringProperty bolusMessageProperty() {
        return bolusMessage.getReadOnlyProperty();
    }

    /** What the last action did, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The pump and its drug in words, such as {@code morphine in a programmable pump (20 mL reservoir)}. */
    public String deviceDescription() {
        return pump.description();
    }

    /** The pump's own clock, for its days. */
    public long pumpTimeMs() {
        return pump.status().timeMs();
    }

    private static String summary(Prescription p) {
        if (p == null) {
            return "nothing";
        }
        DeliveryPlan plan = DeliveryPlan.of(p);
        return p.drug().fileName() + " " + p.drug().format(p.concentrationUgPerMl()) + "/mL, "
                + p.drug().format(plan.baseDailyDoseUg()) + "/day, fill " + p.reservoir().fillUl() / 1_000.0 + " mL";
    }
}
