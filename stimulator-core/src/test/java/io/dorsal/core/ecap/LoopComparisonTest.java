package io.dorsal.core.ecap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Open loop against closed loop on the documented posture script (examples/posture-day.json) for the rig's tonic
 * example (3 mA, 300 us, 50 Hz, patient range 1 to 4 mA): the direction and order of improvement the EVOKE trial
 * reports (ecap.md): much more time in the therapeutic window, a deviation from target many times smaller.
 */
class LoopComparisonTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    static ValidatedTherapy tonic() throws Exception {
        return ((Validation.Safe) new SafetyValidator().validate(ProgramCodec.read(EXAMPLES.resolve("rig-tonic.json"))))
                .therapy();
    }

    @Test
    void closedLoopHoldsTheTargetThroughThePosturesWhereOpenLoopLeavesTheWindow() throws Exception {
        PostureScript day = PostureScript.read(EXAMPLES.resolve("posture-day.json"));

        LoopComparison c = LoopComparison.of(tonic(), "tonic", day, SpinalCordResponse.TYPICAL, 42);

        // 3 mA seated evokes 20 uV on the typical cord: the target
        assertThat(c.targetUv()).isEqualTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.openLoop().pulses()).isEqualTo(5_000);
        double openIn = c.openLoop().fractionWithin(c.lowUv(), c.highUv());
        double closedIn = c.closedLoop().fractionWithin(c.lowUv(), c.highUv());
        double openDev = c.openLoop().meanDeviationUv(c.targetUv());
        double closedDev = c.closedLoop().meanDeviationUv(c.targetUv());
        // measured when this was written: open loop 39.0 % in the window, 31.6 uV off on average; closed loop 92.7 %,
        // 2.7 uV (EVOKE: closed loop 93.9 % median in the window; one patient 66.4 against 3.0 uV)
        // the direction and order of EVOKE: closed loop nearly always in the window, several times closer to target
        assertThat(closedIn).isGreaterThan(0.85).isGreaterThan(openIn + 0.3);
        assertThat(closedDev).isLessThan(openDev / 5);
        // and never outside the envelope the validator proved (the patient range)
        assertThat(c.closedLoop().lowestMa()).isGreaterThanOrEqualTo(1.0);
        assertThat(c.closedLoop().highestMa()).isLessThanOrEqualTo(4.0);
        assertThat(c.closedLoop().lostPulses()).isEqualTo(50);
    }

    @Test
    void aProgramThatIsNotTonicOrEvokesNothingSeatedIsRefusedWithWhy() throws Exception {
        PostureScript day = PostureScript.read(EXAMPLES.resolve("posture-day.json"));
        ValidatedTherapy burst = ((Validation.Safe) new SafetyValidator().validate(
                ProgramCodec.read(EXAMPLES.resolve("rig-burst.json")))).therapy();

        assertThatThrownBy(() -> LoopComparison.of(burst, "burst", day, SpinalCordResponse.TYPICAL, 1))
                .hasMessageContaining("burst").hasMessageContaining("tonic programs");
        assertThatThrownBy(() -> LoopComparison.of(tonic(), "tonic", day,
                new SpinalCordResponse(3.0, 200, 40, 3.5, 400), 1))
                .hasMessageContaining("evokes no ECAP seated").hasMessageContaining("threshold 5.00 mA");
    }
}
