package io.dorsal.rig;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import java.nio.file.Path;

/** The example rig and therapies, for the command line's tests. */
public final class RigFixturesForCli {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private RigFixturesForCli() {
    }

    public static PinMap pins() throws Exception {
        return PinMapCodec.read(EXAMPLES.resolve("rig-pins.json"));
    }

    public static ValidatedTherapy therapy(String name) throws Exception {
        return ((Validation.Safe) new SafetyValidator().validate(ProgramCodec.read(EXAMPLES.resolve(name)))).therapy();
    }
}
