package io.dorsal.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.ValidatedTherapy;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code stimctl simulate}'s CSV with the electrode model: a passive window is the coupling capacitor's exponential
 * discharge, not a flat average. Figures by hand for examples/burst.json: 5 x 0.8 mA x 1,000 us = 4 uC held before the
 * window (0.4 V on 10 uF); the 16,000 us window with a 10 ms time constant returns 1 - e^-1.6 = 79.8 % of it, in eight
 * 2,000 us rows whose currents fall by e^-0.2 from one row to the next.
 */
class PassiveRechargeDecayCsvTest {

    private static List<String[]> rows(String csv, String phase, String contact) {
        return csv.lines().skip(1).map(l -> l.split(",")).filter(r -> r[3].equals(phase) && r[4].equals(contact))
                .toList();
    }

    private static String simulate(ValidatedTherapy therapy, long durationNs) {
        StringWriter out = new StringWriter();
        Simulation.run(therapy, durationNs, new PhaseCsvWriter(out, 0, therapy));
        return out.toString();
    }

    private static ValidatedTherapy burstExample() throws Exception {
        return ((Validation.Safe) new SafetyValidator().validate(ProgramCodec.read(Path.of("..", "examples",
                "burst.json")))).therapy();
    }

    @Test
    void writesThePassiveWindowAsTheCapacitorsDecayingDischarge() throws Exception {
        String csv = simulate(burstExample(), 25_000_000L);

        List<String[]> window = rows(csv, "recharge", "L1.5");
        assertThat(window).hasSize(PhaseCsvWriter.PASSIVE_SEGMENTS);
        assertThat(window.get(0)[0]).isEqualTo("9000");
        assertThat(window.get(7)[0]).isEqualTo("23000");
        double returnedUc = 0;
        double previousUa = Double.MAX_VALUE;
        for (String[] row : window) {
            double ua = Double.parseDouble(row[5]);
            assertThat(ua).as("the cathode's discharge flows back, anodic, and decays").isPositive()
                    .isLessThan(previousUa);
            previousUa = ua;
            returnedUc += ua * Long.parseLong(row[1]) / 1e6;
        }
        assertThat(returnedUc).isCloseTo(4.0 * (1 - Math.exp(-1.6)), within(0.001));
        // the first row averages the first 2 ms: 4 uC x (1 - e^-0.2) / 2,000 us = 362.5 uA (0.4 mA at its start)
        assertThat(Double.parseDouble(window.get(0)[5])).isCloseTo(4.0 * (1 - Math.exp(-0.2)) / 2000 * 1e6,
                within(0.001));
        assertThat(rows(csv, "recharge", "L1.6")).allSatisfy(r -> assertThat(Double.parseDouble(r[5])).isNegative());
    }

    @Test
    void carriesWhatAWindowLeavesIntoTheNextBurst() throws Exception {
        // the second window starts from 4 uC plus the 20.2 % the first left behind
        String csv = simulate(burstExample(), 50_000_000L);

        List<String[]> window = rows(csv, "recharge", "L1.5");
        assertThat(window).hasSize(2 * PhaseCsvWriter.PASSIVE_SEGMENTS);
        double first = Double.parseDouble(window.get(0)[5]);
        double second = Double.parseDouble(window.get(PhaseCsvWriter.PASSIVE_SEGMENTS)[5]);
        assertThat(second / first).isCloseTo(1 + Math.exp(-1.6), within(1e-4));
    }

    @Test
    void writesDrivenPhasesAsBefore() throws Exception {
        String csv = simulate(burstExample(), 25_000_000L);

        assertThat(rows(csv, "stim", "L1.5")).hasSize(5).allSatisfy(r -> assertThat(r[5]).isEqualTo("-800"));
    }
}
