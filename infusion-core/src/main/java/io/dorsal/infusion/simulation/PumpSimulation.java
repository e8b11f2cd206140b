package io.dorsal.infusion.simulation;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.PumpEvent;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PumpValidation;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Fills a pump with a prescription at time 0 and runs it on a virtual clock for whole days, asking for a patient
 * bolus at each requested time. Writes CSV {@value #HEADER}: one {@code delivery} row at the end of each hour (the
 * volume and drug delivered in that hour, the reservoir after it) and one row for every other event, in time
 * order ({@code filled}, {@code bolus}, {@code bolus_refused}, {@code alarm_low_reservoir}, {@code alarm_empty},
 * {@code alarm_eri}, {@code stopped}, ...). Not thread safe.
 */
public final class PumpSimulation {

    /** The CSV header. */
    public static final String HEADER = "time_s,event,volume_ul,drug_ug,reservoir_ul";

    private static final long MS_PER_HOUR = 3_600_000L;
    private static final long NS_PER_MS = 1_000_000L;

    private PumpSimulation() {
    }

    /** What a run came to. */
    public record Totals(long rows, double deliveredUl, double drugUg, double reservoirUl, long events) {
    }

    /**
     * Runs {@code prescription} (which must be safe; an unsafe one throws) for {@code days}, with bolus requests at
     * {@code requestMs} (sorted here), writing rows to {@code out} (null: write nothing).
     */
    public static Totals run(Prescription prescription, int days, long[] requestMs, Appendable out) throws IOException {
        VirtualClock clock = new VirtualClock();
        PumpFirmware pump = new PumpFirmware(clock);
        if (!(pump.fill(prescription) instanceof PumpValidation.Safe)) {
            throw new IllegalArgumentException("the prescription is not safe; validate it first");
        }
        long[] requests = requestMs.clone();
        Arrays.sort(requests);
        long rows = 0;
        if (out != null) {
            out.append(HEADER).append('\n');
        }
        long seen = 0;
        int next = 0;
        double lastDelivered = 0;
        double lastDrug = 0;
        long endMs = days * DeliveryPlan.MS_PER_DAY;
        for (long hourEnd = MS_PER_HOUR; hourEnd <= endMs; hourEnd += MS_PER_HOUR) {
            while (next < requests.length && requests[next] <= hourEnd) {
                if (requests[next] >= clock.nanoTime() / NS_PER_MS) {
                    clock.setNs(requests[next] * NS_PER_MS);
                    pump.requestBolus();
                }
                next++;
            }
            clock.setNs(hourEnd * NS_PER_MS);
            pump.poll();
            if (out != null) {
                for (PumpEvent e : pump.eventsSince(seen)) {
                    row(out, e.timeMs(), e.name(), e.volumeUl(), e.drugUg(), e.reservoirUl());
                    rows++;
                }
                row(out, hourEnd, "delivery", pump.deliveredUl() - lastDelivered, pump.drugUg() - lastDrug,
                        pump.reservoirUl());
                rows++;
            }
            seen = pump.eventsLogged();
            lastDelivered = pump.deliveredUl();
            lastDrug = pump.drugUg();
        }
        return new Totals(rows, pump.deliveredUl(), pump.drugUg(), pump.reservoirUl(), pump.eventsLogged());
    }

    private static void row(Appendable out, long timeMs, String event, double volumeUl, double drugUg,
                            double reservoirUl) throws IOException {
        out.append(String.format(Locale.ROOT, "%.3f,%s,%.3f,%.3f,%.3f\n", timeMs / 1000.0, event, volumeUl, drugUg,
                reservoirUl));
    }
}
