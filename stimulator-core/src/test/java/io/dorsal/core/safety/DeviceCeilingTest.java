package io.dorsal.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Therapy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A validator for another device (an external trial stimulator with more compliance voltage) lets a file use
 * that device's limits, and still refuses a file that loosens them; the implant's validator refuses both.
 */
class DeviceCeilingTest {

    private static DeviceLimits withCompliance(DeviceLimits d, double volts) throws Exception {
        RecordComponent[] components = DeviceLimits.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals("complianceVoltageV") ? volts : components[i].getAccessor()
                    .invoke(d);
        }
        return DeviceLimits.class.getDeclaredConstructor(types).newInstance(values);
    }

    private static Therapy fileWithCompliance(double volts) throws Exception {
        Therapy t = ProgramCodec.read(Path.of("..", "examples", "two-programs.json"));
        return new Therapy(t.leads(), t.programs(), withCompliance(DeviceLimits.DEFAULTS, volts));
    }

    @Test
    void aTrialStimulatorsValidatorTakesItsOwnLimitsAsTheCeiling() throws Exception {
        DeviceLimits trial = withCompliance(DeviceLimits.DEFAULTS, 15.0);
        SafetyValidator forTrial = new SafetyValidator(trial, Map.of());
        assertThat(forTrial.validate(fileWithCompliance(15.0))).isInstanceOf(Validation.Safe.class);
        assertThat(forTrial.validate(fileWithCompliance(15.1))).isInstanceOfSatisfying(Validation.Unsafe.class,
                u -> assertThat(u.violations()).extracting(Violation::rule).containsExactly(SafetyRule.DEVICE_LIMITS));
        assertThat(new SafetyValidator().validate(fileWithCompliance(15.0)))
                .isInstanceOfSatisfying(Validation.Unsafe.class, u -> assertThat(u.violations().getFirst().message())
                        .contains("limits.complianceVoltageV: 15 V; limit at most the device's 12 V"));
    }
}
