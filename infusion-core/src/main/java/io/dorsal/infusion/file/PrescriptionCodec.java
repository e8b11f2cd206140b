package io.dorsal.infusion.file;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dorsal.core.json.InputBounds;
import io.dorsal.core.json.JsonProblem;
import io.dorsal.core.json.JsonProblems;
import io.dorsal.infusion.drug.DoseUnit;
import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.file.PrescriptionForm.BolusForm;
import io.dorsal.infusion.file.PrescriptionForm.CatheterForm;
import io.dorsal.infusion.file.PrescriptionForm.DrugForm;
import io.dorsal.infusion.file.PrescriptionForm.FileForm;
import io.dorsal.infusion.file.PrescriptionForm.ModeForm;
import io.dorsal.infusion.file.PrescriptionForm.PatientBolusForm;
import io.dorsal.infusion.file.PrescriptionForm.PumpForm;
import io.dorsal.infusion.file.PrescriptionForm.ReservoirForm;
import io.dorsal.infusion.file.PrescriptionForm.StepForm;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.Reservoir;
import io.dorsal.infusion.prescription.StartBolus;
import io.dorsal.infusion.pump.PumpKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;

/**
 * Reads and writes prescription files (docs/pump-format.md). Strict like the program file's codec: an unknown
 * field, a duplicated key, an explicit null, a string where a number belongs, a fraction where a whole number
 * belongs or trailing text is an error with its line and column. Sizes are bounded before anything is bound: the
 * file's bytes, nesting, strings, numbers and names ({@link #MAX_FILE_BYTES} and the {@code MAX_*} figures).
 * Thread safe.
 */
public final class PrescriptionCodec {

    /** Largest file read: 64 KiB (a real prescription is about 1 KiB). */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    /** Deepest nesting of objects and lists. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string value. */
    public static final int MAX_STRING_LENGTH = 1_000;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest field name. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Most entries in one list or object (the validator allows a day at most {@code MAX_FLEXIBLE_STEPS} steps). */
    public static final int MAX_ENTRIES = 256;

    private static final InputBounds BOUNDS = new InputBounds(MAX_FILE_BYTES, MAX_NESTING_DEPTH, MAX_STRING_LENGTH,
            MAX_NUMBER_LENGTH, MAX_NAME_LENGTH, MAX_ENTRIES);

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("(\\d{2}):(\\d{2})");

    private static final ObjectMapper MAPPER = JsonMapper.builder(BOUNDS.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    private static final JsonProblems PROBLEMS = new JsonProblems(MAPPER, BOUNDS, "a prescription object",
            f -> Optional.empty());

    private PrescriptionCodec() {
    }

    /** Reads a prescription file; refuses one larger than {@link #MAX_FILE_BYTES} before reading it whole. */
    public static Prescription read(Path file) throws PrescriptionFileException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new PrescriptionFileException(0, 0, "", "cannot read the file: " + JsonProblems.describeIo(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new PrescriptionFileException(0, 0, "", "the file is larger than " + MAX_FILE_BYTES
                    + " bytes; a prescription is about 1 KiB");
        }
        return read(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads a prescription file's text. */
    public static Prescription read(String json) throws PrescriptionFileException {
        if (json.length() > MAX_FILE_BYTES) {
            throw new PrescriptionFileException(0, 0, "", "the file is larger than " + MAX_FILE_BYTES
                    + " bytes; a prescription is about 1 KiB");
        }
        Optional<JsonProblem> first = PROBLEMS.beyondBounds(json).or(() -> PROBLEMS.firstNull(json));
        if (first.isPresent()) {
            throw new PrescriptionFileException(first.get());
        }
        FileForm form;
        try {
            form = MAPPER.readValue(json, FileForm.class);
        } catch (JsonProcessingException e) {
            throw new PrescriptionFileException(PROBLEMS.describe(e, json));
        }
        if (form == null) {
            throw new PrescriptionFileException(1, 1, "", "the file is empty or null; expected a prescription object");
        }
        return toPrescription(form, json);
    }

    /** Writes a prescription in the file form, so that {@link #read} gives it back. */
    public static String write(Prescription p) {
        try {
            return MAPPER.writeValueAsString(toForm(p)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------

    private static Prescription toPrescription(FileForm f, String json) throws PrescriptionFileException {
        Drug drug = Drug.byFileName(f.drug().name());
        if (drug == null) {
            throw at(json, "/drug/name", "drug.name", "unknown drug '" + f.drug().name() + "'; known drugs: "
                    + String.join(", ", Arrays.stream(Drug.values()).map(Drug::fileName).toList()));
        }
        DoseUnit unit = DoseUnit.bySymbol(f.drug().unit());
        if (unit != drug.unit()) {
            throw at(json, "/drug/unit", "drug.unit", drug.fileName() + " is prescribed in " + drug.unit().symbol()
                    + ", not '" + f.drug().unit() + "' (a unit mix-up is a thousandfold dose error)");
        }
        PumpKind pump = switch (f.pump()) {
            case PumpForm.Programmable pr -> {
                double reservoir = pr.reservoirMl() * 1000.0;
                try {
                    yield new PumpKind.Programmable(reservoir,
                            pr.minRateMlPerDay() == null ? PumpKind.Programmable.MIN_RATE_UL_PER_DAY : pr.minRateMlPerDay() * 1000.0,
                            pr.maxRateMlPerDay() == null ? PumpKind.Programmable.MAX_RATE_UL_PER_DAY : pr.maxRateMlPerDay() * 1000.0,
                            pr.strokeUl() == null ? PumpKind.Programmable.STROKE_UL : pr.strokeUl(),
                            pr.accuracyPercent() == null ? PumpKind.Programmable.ACCURACY_FRACTION : pr.accuracyPercent() / 100.0);
                } catch (IllegalArgumentException e) {
                    throw at(json, "/pump", "pump", e.getMessage());
                }
            }
            case PumpForm.ConstantFlow cf -> {
                try {
                    yield new PumpKind.ConstantFlow(cf.reservoirMl() * 1000.0, cf.nominalRateMlPerDay() * 1000.0,
                            cf.drivePressureKpa() == null ? PumpKind.ConstantFlow.DRIVE_PRESSURE_KPA : cf.drivePressureKpa(),
                            cf.accuracyPercent() == null ? PumpKind.ConstantFlow.ACCURACY_FRACTION : cf.accuracyPercent() / 100.0);
                } catch (IllegalArgumentException e) {
                    throw at(json, "/pump", "pump", e.getMessage());
                }
            }
        };
        InfusionMode mode = switch (f.mode()) {
            case ModeForm.Stopped s -> new InfusionMode.Stopped();
            case ModeForm.Continuous c -> new InfusionMode.SimpleContinuous(unit.toUg(c.dosePerDay()));
            case ModeForm.MinimumRate m -> new InfusionMode.MinimumRate();
            case ModeForm.ConstantFlow c -> new InfusionMode.ConstantFlow();
            case ModeForm.Flexible fl -> {
                List<InfusionMode.Step> steps = new ArrayList<>();
                for (int i = 0; i < fl.steps().size(); i++) {
                    StepForm s = fl.steps().get(i);
                    steps.add(new InfusionMode.Step(minuteOfDay(s.start(), json, i), unit.toUg(s.dosePerDay())));
                }
                yield new InfusionMode.FlexibleDosing(steps);
            }
        };
        List<StartBolus> boluses = new ArrayList<>();
        if (f.boluses() != null) {
            for (BolusForm b : f.boluses()) {
                boluses.add(switch (b) {
                    case BolusForm.Priming p -> new StartBolus.Priming(p.durationMin());
                    case BolusForm.Bridge br -> new StartBolus.Bridge(br.durationMin());
                    case BolusForm.Single s -> new StartBolus.Single(unit.toUg(s.dose()), s.durationMin());
                });
            }
        }
        Optional<PatientBolus> patient = Optional.ofNullable(f.patientBolus())
                .map(b -> new PatientBolus(unit.toUg(b.dose()), b.durationMin(), b.lockoutMin(), b.maxPerDay()));
        ReservoirForm r = f.reservoir();
        Reservoir reservoir = new Reservoir(r.fillMl() * 1000.0, r.lowAlarmMl() * 1000.0,
                date(r.filledOn(), json, "filledOn"), date(r.refillBy(), json, "refillBy"));
        DrugForm d = f.drug();
        return new Prescription(pump, drug, unit.toUg(d.concentrationPerMl()),
                d.previousConcentrationPerMl() == null ? OptionalDouble.empty()
                        : OptionalDouble.of(unit.toUg(d.previousConcentrationPerMl())),
                d.maxDosePerDay() == null ? OptionalDouble.empty() : OptionalDouble.of(unit.toUg(d.maxDosePerDay())),
                new Catheter(f.catheter().lengthCm(), f.catheter().volumeUlPerCm()), mode, boluses, patient, reservoir);
    }

    private static int minuteOfDay(String text, String json, int index) throws PrescriptionFileException {
        Matcher m = TIME.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
            throw at(json, "/mode/steps/" + index + "/start", "mode.steps[" + index + "].start",
                    "expected a time of day HH:MM from 00:00 to 23:59, found \"" + text + "\"");
        }
        return Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    }

    private static LocalDate date(String text, String json, String field) throws PrescriptionFileException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw at(json, "/reservoir/" + field, "reservoir." + field,
                    "expected a date yyyy-mm-dd, found \"" + text + "\"");
        }
    }

    private static FileForm toForm(Prescription p) {
        Drug drug = p.drug();
        DoseUnit unit = drug.unit();
        PumpForm pump = switch (p.pump()) {
            case PumpKind.Programmable pr -> new PumpForm.Programmable(pr.reservoirUl() / 1000.0,
                    pr.minRateUlPerDay() == PumpKind.Programmable.MIN_RATE_UL_PER_DAY ? null : pr.minRateUlPerDay() / 1000.0,
                    pr.maxRateUlPerDay() == PumpKind.Programmable.MAX_RATE_UL_PER_DAY ? null : pr.maxRateUlPerDay() / 1000.0,
                    pr.strokeUl() == PumpKind.Programmable.STROKE_UL ? null : pr.strokeUl(),
                    pr.accuracyFraction() == PumpKind.Programmable.ACCURACY_FRACTION ? null : pr.accuracyFraction() * 100.0);
            case PumpKind.ConstantFlow cf -> new PumpForm.ConstantFlow(cf.reservoirUl() / 1000.0,
                    cf.nominalRateUlPerDay() / 1000.0,
                    cf.drivePressureKpa() == PumpKind.ConstantFlow.DRIVE_PRESSURE_KPA ? null : cf.drivePressureKpa(),
                    cf.accuracyFraction() == PumpKind.ConstantFlow.ACCURACY_FRACTION ? null : cf.accuracyFraction() * 100.0);
        };
        ModeForm mode = switch (p.mode()) {
            case InfusionMode.Stopped s -> new ModeForm.Stopped();
            case InfusionMode.SimpleContinuous c -> new ModeForm.Continuous(unit.fromUg(c.doseUgPerDay()));
            case InfusionMode.MinimumRate m -> new ModeForm.MinimumRate();
            case InfusionMode.ConstantFlow c -> new ModeForm.ConstantFlow();
            case InfusionMode.FlexibleDosing f -> new ModeForm.Flexible(f.steps().stream()
                    .map(s -> new StepForm(String.format(Locale.ROOT, "%02d:%02d", s.startMinute() / 60,
                            s.startMinute() % 60), unit.fromUg(s.doseUgPerDay()))).toList());
        };
        List<BolusForm> boluses = p.startBoluses().isEmpty() ? null : p.startBoluses().stream().map(b -> switch (b) {
            case StartBolus.Priming pr -> (BolusForm) new BolusForm.Priming(pr.durationMin());
            case StartBolus.Bridge br -> new BolusForm.Bridge(br.durationMin());
            case StartBolus.Single s -> new BolusForm.Single(unit.fromUg(s.doseUg()), s.durationMin());
        }).toList();
        PatientBolusForm patient = p.patientBolus().map(b -> new PatientBolusForm(unit.fromUg(b.doseUg()),
                b.durationMin(), b.lockoutMin(), b.maxPerDay())).orElse(null);
        Reservoir r = p.reservoir();
        return new FileForm(pump,
                new DrugForm(drug.fileName(), unit.symbol(), unit.fromUg(p.concentrationUgPerMl()),
                        p.previousConcentrationUgPerMl().isPresent()
                                ? unit.fromUg(p.previousConcentrationUgPerMl().getAsDouble()) : null,
                        p.maxDailyDoseUg().isPresent() ? unit.fromUg(p.maxDailyDoseUg().getAsDouble()) : null),
                new CatheterForm(p.catheter().lengthCm(), p.catheter().volumeUlPerCm()), mode, boluses, patient,
                new ReservoirForm(r.fillUl() / 1000.0, r.lowAlarmUl() / 1000.0, r.filledOn().toString(),
                        r.refillBy().toString()));
    }

    // ----------------------------------------------------------------------------------------------------
    // errors in words

    private static PrescriptionFileException at(String json, String pointer, String path, String problem) {
        return new PrescriptionFileException(PROBLEMS.at(json, JsonPointer.compile(pointer), path, problem));
    }
}
