package io.dorsal.rig.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.generator.ImpedanceReport.Status;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each contact's measured impedance is its simulated load's, the can's solved from a triangle of paths. */
class ImpedanceMeasurementTest {

    private static final PinMap PINS = RigFixtures.examplePins();

    private final VirtualClock clock = new VirtualClock();
    private final Context pi4j = RigPlatform.mock();
    private final Pi4jOutputStage stage =
            new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
    private final SimulatedFrontEnd frontEnd = SimulatedFrontEnd.attach(pi4j, PINS, clock);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private ImpedanceReport measure() {
        FrontEndProbe probe = new FrontEndProbe(pi4j, PINS, Mcp3008.open(pi4j, PINS.sensing().orElseThrow().chipSelect()),
                clock, new VirtualTimeIdleStrategy(clock));
        return ImpedanceMeasurement.measure(probe, PINS, clock, DeviceLimits.DEFAULTS);
    }

    private static double ohm(ImpedanceReport report, String contact) {
        return report.contacts().stream().filter(c -> c.contact().equals(ContactId.parse(contact))).findFirst()
                .orElseThrow().impedanceOhm();
    }

    @Test
    void measuresEveryContactsOwnLoadIncludingTheCan() {
        Map<String, Double> loads = Map.of("L1.0", 800.0, "L1.2", 1_500.0, "L1.5", 2_600.0, "CASE", 350.0);
        loads.forEach((c, r) -> frontEnd.load(ContactId.parse(c), new SeriesRcLoad(r, 10)));

        ImpedanceReport report = measure();

        assertThat(report.contacts()).hasSize(PINS.contacts().size());
        // within 2 %: the ADC's 10 bits and what the capacitors hold after a 20 us probe
        loads.forEach((c, r) -> assertThat(ohm(report, c)).as(c).isCloseTo(r, within(r * 0.02)));
        assertThat(ohm(report, "L1.7")).isCloseTo(1_000, within(20.0));
        assertThat(report.flagged()).isEmpty();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void flagsAnOpenAndAShortContact() {
        frontEnd.load(ContactId.parse("L1.3"), new SeriesRcLoad(9_000, 10));
        frontEnd.load(ContactId.parse("L1.4"), new SeriesRcLoad(150, 10));

        ImpedanceReport report = measure();

        assertThat(report.flagged()).extracting(c -> c.contact().toString(), ImpedanceReport.ContactImpedance::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("L1.3", Status.OPEN),
                        org.assertj.core.groups.Tuple.tuple("L1.4", Status.SHORT));
    }

    @Test
    void aContactBehindABrokenSwitchReadsOpen() {
        frontEnd.openSwitch("L1_6_K");

        ImpedanceReport report = measure();

        assertThat(report.flagged()).singleElement().satisfies(c -> {
            assertThat(c.contact()).isEqualTo(ContactId.parse("L1.6"));
            assertThat(c.status()).isEqualTo(Status.OPEN);
        });
    }
}
