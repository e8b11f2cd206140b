package io.dorsal.rig.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.BatteryModel;
import io.dorsal.core.generator.EventLog;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.generator.ImpedanceReport.ContactImpedance;
import io.dorsal.core.generator.ImpedanceReport.Status;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generator on the rig with the rig's meter: a programmer's impedance check reports the simulated load's
 * impedances, not the therapy file's, and a contact measured open can no longer carry current.
 */
class RigImpedanceMeterTest {

    private static final PinMap PINS = RigFixtures.examplePins();
    private static final ContactId L1_2 = ContactId.parse("L1.2");
    private static final ContactId L1_3 = ContactId.parse("L1.3");

    private final VirtualClock clock = new VirtualClock();
    private final Context pi4j = RigPlatform.mock();
    private final Pi4jOutputStage stage =
            new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
    private final SimulatedFrontEnd frontEnd = SimulatedFrontEnd.attach(pi4j, PINS, clock);
    private final RigImpedanceMeter meter = new RigImpedanceMeter(pi4j, PINS, stage, clock,
            new VirtualTimeIdleStrategy(clock), DeviceLimits.DEFAULTS);
    private final PulseGenerator generator = new PulseGenerator(clock, stage, BatteryModel.DEFAULT, new EventLog(),
            meter);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private static ContactImpedance of(ImpedanceReport report, ContactId contact) {
        return report.contacts().stream().filter(c -> c.contact().equals(contact)).findFirst().orElseThrow();
    }

    @Test
    void theCheckReportsWhatTheRigMeasuresNotTheFile() {
        assertThat(generator.apply(RigFixtures.example("rig-tonic.json").therapy(), "clinician").applied()).isTrue();
        frontEnd.load(L1_2, new SeriesRcLoad(1_800, 10));

        ImpedanceReport report = generator.checkImpedance("clinician");

        assertThat(of(report, L1_2).measured()).isTrue();
        assertThat(of(report, L1_2).impedanceOhm()).isCloseTo(1_800, within(36.0));
        assertThat(of(report, L1_3).impedanceOhm()).isCloseTo(SimulatedFrontEnd.DEFAULT_LOAD.resistanceOhm(),
                within(20.0));
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aContactMeasuredOpenIsFlaggedAtTheCeilingAndCannotCarryCurrent() {
        assertThat(generator.apply(RigFixtures.example("rig-tonic.json").therapy(), "clinician").applied()).isTrue();
        frontEnd.openSwitch("L1_3_K");

        ImpedanceReport report = generator.checkImpedance("clinician");

        assertThat(of(report, L1_3).status()).isEqualTo(Status.OPEN);
        assertThat(of(report, L1_3).impedanceOhm()).isEqualTo(meter.ceilingOhm());
        ApplyResult again = generator.apply(RigFixtures.example("rig-tonic.json").therapy(), "clinician");
        assertThat(again).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) again).violations()).extracting(Violation::rule)
                .contains(SafetyRule.IMPEDANCE);
    }
}
