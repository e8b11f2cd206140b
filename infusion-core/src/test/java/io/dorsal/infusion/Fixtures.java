package io.dorsal.infusion;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.Reservoir;
import io.dorsal.infusion.pump.PumpKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Prescriptions the tests start from, and the bundled examples. */
public final class Fixtures {

    public static final LocalDate FILLED = LocalDate.of(2026, 12, 1);

    private Fixtures() {
    }

    /** Morphine 10 mg/mL, 3 mg/day continuous on a 20 mL pump filled with 20 mL, refill in 30 days, no bolus. */
    public static Prescription morphine() {
        return new Prescription(PumpKind.Programmable.synchroMedClass(20_000), Drug.MORPHINE, 10_000,
                OptionalDouble.empty(), OptionalDouble.empty(), new Catheter(60, 2.2),
                new InfusionMode.SimpleContinuous(3_000), List.of(), Optional.empty(),
                new Reservoir(20_000, 2_000, FILLED, FILLED.plusDays(30)));
    }

    /** {@link #morphine()} with a patient bolus. */
    public static Prescription morphineWithBolus(double doseUg, int durationMin, int lockoutMin, int maxPerDay) {
        return morphine().withPatientBolus(Optional.of(new PatientBolus(doseUg, durationMin, lockoutMin, maxPerDay)));
    }

    /** The bundled example of that name under examples/. */
    public static Prescription example(String name) throws PrescriptionFileException {
        return PrescriptionCodec.read(examples().resolve(name));
    }

    /** The examples folder at the top of the repository. */
    public static Path examples() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.exists(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("infusion-core"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples folder above " + here);
    }
}
