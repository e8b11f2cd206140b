package io.dorsal.core.simulation;

import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.ContactLoad;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * An output stage that writes each phase as CSV rows, one per contact:
 * {@code start_us,duration_us,program,phase,contact,current_ua}. Times from the therapy's start; currents
 * signed (negative cathodic), up to three decimals. Not thread safe.
 *
 * <p>Made with the therapy's electrode model, it writes a passive recharge window as the model says: each contact's
 * coupling capacitor discharges through its tissue resistance, so the current decays as {@code e^(-t / RC)} and
 * returns only the share of the held charge the window's length allows. The window is written as
 * {@link #PASSIVE_SEGMENTS} consecutive rows per contact (fewer for a window shorter than that many microseconds),
 * each with the average current over its part of the window, so that the rows' charge is the model's charge. The
 * capacitor voltages carry over from phase to phase and from period to period, as on the device. Without the model,
 * a passive window is one row with the current that would return the charge exactly.
 */
public final class PhaseCsvWriter implements OutputStage {

    /** The CSV header line. */
    public static final String HEADER = "start_us,duration_us,program,phase,contact,current_ua";

    private static final long NS_PER_US = 1_000L;

    /** How many rows per contact a passive window is written as, with the electrode model. */
    public static final int PASSIVE_SEGMENTS = 8;

    private static final double UA_PER_MA = 1_000.0;

    private final Writer out;
    private final long originNs;
    private final Map<ContactId, SeriesRcLoad> loads;
    private final Map<ContactId, Double> capacitorV = new HashMap<>();
    private long rows;

    /** Writes the header at once; times are written relative to {@code originNs}; passive windows flat. */
    public PhaseCsvWriter(Writer out, long originNs) {
        this(out, originNs, Map.of());
    }

    /**
     * Writes the header at once; times are written relative to {@code originNs}; passive windows of {@code therapy}
     * decay as its electrode model says.
     */
    public PhaseCsvWriter(Writer out, long originNs, ValidatedTherapy therapy) {
        this(out, originNs, loadsOf(therapy));
    }

    private PhaseCsvWriter(Writer out, long originNs, Map<ContactId, SeriesRcLoad> loads) {
        this.out = out;
        this.originNs = originNs;
        this.loads = Map.copyOf(loads);
        write(HEADER + "\n");
    }

    /** Each contact's load, from the contact load the validator worked out for every program. */
    private static Map<ContactId, SeriesRcLoad> loadsOf(ValidatedTherapy therapy) {
        Map<ContactId, SeriesRcLoad> loads = new HashMap<>();
        for (int p = 0; p < therapy.programCount(); p++) {
            for (ContactLoad contact : therapy.load(p).contacts()) {
                loads.put(contact.contact(), contact.load());
            }
        }
        return loads;
    }

    @Override
    public void arm(PulseTable table) {
        // nothing to prepare: the CSV shows every phase as it comes
    }

    @Override
    public void onPhase(PhaseEvent event) {
        long startUs = (event.startNs() - originNs) / NS_PER_US;
        long durationUs = event.durationNs() / NS_PER_US;
        String program = event.table().programName(event.program());
        String phase = event.kind().label();
        if (!loads.isEmpty() && event.table().phasePassive(event.phase())) {
            writePassive(event, startUs, durationUs, program, phase);
            return;
        }
        for (int c = 0; c < event.channelCount(); c++) {
            ContactId contact = event.table().contact(event.contact(c));
            writeRow(startUs, durationUs, program, phase, contact, event.currentUa(c));
            SeriesRcLoad load = loads.get(contact);
            if (load != null) {
                capacitorV.put(contact, load.capacitorVoltageAfterCurrentV(capacitorV.getOrDefault(contact, 0.0),
                        event.currentUa(c) / UA_PER_MA, durationUs));
            }
        }
    }

    /**
     * A passive window as consecutive rows, in time order, whose currents are each contact's capacitor discharge
     * averaged over the row: the charge returned in it, over its length, against the held charge.
     */
    private void writePassive(PhaseEvent event, long startUs, long durationUs, String program, String phase) {
        int segments = (int) Math.min(PASSIVE_SEGMENTS, Math.max(1, durationUs));
        long fromUs = 0;
        for (int k = 1; k <= segments; k++) {
            long toUs = Math.round((double) durationUs * k / segments);
            for (int c = 0; c < event.channelCount(); c++) {
                ContactId contact = event.table().contact(event.contact(c));
                SeriesRcLoad load = loads.get(contact);
                if (load == null) {
                    writeRow(startUs + fromUs, toUs - fromUs, program, phase, contact, event.currentUa(c));
                    continue;
                }
                double heldV = capacitorV.getOrDefault(contact, 0.0);
                double returnedUc = load.chargeReturnedByShortUc(heldV, toUs - fromUs);
                // uC / us = A: x 1e6 for uA; the discharge flows against the held charge
                writeRow(startUs + fromUs, toUs - fromUs, program, phase, contact, -returnedUc / (toUs - fromUs) * 1e6);
                capacitorV.put(contact, load.capacitorVoltageAfterShortV(heldV, toUs - fromUs));
            }
            fromUs = toUs;
        }
    }

    private void writeRow(long startUs, long durationUs, String program, String phase, ContactId contact,
                          double currentUa) {
        write(Long.toString(startUs) + ',' + durationUs + ',' + program + ',' + phase + ',' + contact + ','
                + Figures.format(currentUa, 3) + '\n');
        rows++;
    }

    @Override
    public void safe() {
        // a file has no outputs to drive
    }

    /** Rows written after the header. */
    public long rows() {
        return rows;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
