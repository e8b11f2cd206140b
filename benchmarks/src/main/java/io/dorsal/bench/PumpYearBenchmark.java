package io.dorsal.bench;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.Reservoir;
import io.dorsal.infusion.pump.PumpKind;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.simulation.PumpSimulation;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A simulated year of drug pump delivery (issue 13): how long `stimctl pump simulate --days 365` and the
 * programmer's chart wait for a year of the firmware model. The prescription is baclofen on a 40 mL pump in three
 * flexible steps a day (about 0.1 mL/day, so the reservoir lasts the year) with a patient bolus requested once a
 * day; each operation fills a fresh pump and runs it 365 days. Three shapes: polled once an hour (as the CSV is
 * written: 8,760 polls), the same with the CSV rows formatted into a sink (the command's whole cost), and polled
 * once for the whole year (the event-driven integration alone: strokes are delivered in batches between breaks,
 * never one by one). Off the real-time path: these allocate (events, rows), so time is the figure; B/op from
 * {@code -prof gc} shows how much.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class PumpYearBenchmark {

    /** Days simulated. */
    public int days = 365;

    private Prescription prescription;
    private long[] requestsMs;

    @Setup(Level.Trial)
    public void setUp() {
        LocalDate filled = LocalDate.of(2026, 12, 1);
        prescription = new Prescription(PumpKind.Programmable.synchroMedClass(PumpKind.Programmable.LARGE_RESERVOIR_UL),
                Drug.BACLOFEN, 2_000, OptionalDouble.empty(), OptionalDouble.empty(), new Catheter(60, 2.2),
                new InfusionMode.FlexibleDosing(List.of(new InfusionMode.Step(0, 150), new InfusionMode.Step(420, 250),
                        new InfusionMode.Step(1320, 150))),
                List.of(), Optional.of(new PatientBolus(20, 10, 240, 2)),
                new Reservoir(40_000, 2_000, filled, filled.plusDays(180)));
        if (!(new PrescriptionValidator().validate(prescription) instanceof PumpValidation.Safe)) {
            throw new IllegalStateException("the benchmark's prescription must be safe");
        }
        requestsMs = new long[days];
        for (int d = 0; d < days; d++) {
            requestsMs[d] = d * DeliveryPlan.MS_PER_DAY + 9 * 3_600_000L;
        }
    }

    /** A year polled every hour, as the simulation does; returns the volume delivered. */
    @Benchmark
    public double yearPolledHourly() throws IOException {
        return PumpSimulation.run(prescription, days, requestsMs, null).deliveredUl();
    }

    /** The same year with every CSV row formatted (the whole of `stimctl pump simulate --days 365`). */
    @Benchmark
    public long yearAsCsv() throws IOException {
        StringBuilder sink = new StringBuilder(1 << 20);
        return PumpSimulation.run(prescription, days, requestsMs, sink).rows() + sink.length();
    }

    /** The year in one poll: the firmware's event-driven integration alone (no boluses). */
    @Benchmark
    public double yearInOnePoll() {
        VirtualClock clock = new VirtualClock();
        PumpFirmware pump = new PumpFirmware(clock);
        pump.fill(prescription);
        clock.setNs(days * DeliveryPlan.MS_PER_DAY * 1_000_000L);
        pump.poll();
        return pump.deliveredUl();
    }
}
