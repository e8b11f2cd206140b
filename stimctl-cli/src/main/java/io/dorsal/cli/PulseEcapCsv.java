package io.dorsal.cli;

import io.dorsal.core.ecap.EcapSource;
import io.dorsal.core.ecap.SimulatedCord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * What {@code stimctl simulate --posture} writes: the generator's closed loop reads each pulse's ECAP through this
 * source, which asks the simulated cord and writes one CSV row per pulse: its time, the lead-to-cord distance, the
 * posture, the current the generator delivered, the ECAP it evoked and the ECAP the loop measured (empty where the
 * recording was lost). A simulation tool, not the device's path: it allocates as it writes.
 */
final class PulseEcapCsv implements EcapSource {

    static final String HEADER = "t_s,distance_mm,posture,current_ma,ecap_uv,measured_uv";

    private final SimulatedCord cord;
    private final Writer out;
    private int rows;

    PulseEcapCsv(SimulatedCord cord, Writer out) throws IOException {
        this.cord = cord;
        this.out = out;
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    public double sampleUv(long pulseStartNs, double currentMa) {
        double measured = cord.sampleUv(pulseStartNs, currentMa);
        double tS = cord.secondsOf(pulseStartNs);
        try {
            out.write(String.format(Locale.ROOT, "%.4f,%.3f,%s,%.4f,%.2f,%s%n", tS, cord.script().distanceMm(tS),
                    cord.script().postureAt(tS).name().toLowerCase(Locale.ROOT), currentMa,
                    cord.evokedUv(pulseStartNs, currentMa),
                    Double.isNaN(measured) ? "" : String.format(Locale.ROOT, "%.2f", measured)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        return measured;
    }

    int rows() {
        return rows;
    }
}
