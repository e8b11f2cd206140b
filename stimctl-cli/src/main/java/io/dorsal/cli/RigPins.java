package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import io.dorsal.rig.pins.PinMapException;
import io.dorsal.rig.platform.RigPlatform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Reading the pin map and choosing the platform, with the rig commands' messages. */
final class RigPins {

    private RigPins() {
    }

    static Optional<PinMap> load(Path file, PrintWriter err) {
        try {
            return Optional.of(PinMapCodec.read(file));
        } catch (PinMapException e) {
            for (String problem : e.problems()) {
                err.println(file + ": " + problem);
            }
            err.println(file + ": pin map refused; no pin was touched");
            return Optional.empty();
        }
    }

    /** The mock platform, or the Pi's; off a Pi without --mock, says so and gives nothing. */
    static Optional<Context> platform(boolean mock, PinMap map, PrintWriter err) {
        if (mock) {
            return Optional.of(RigPlatform.mock());
        }
        if (!RigPlatform.isRaspberryPi()) {
            err.println("stimctl: this machine is not a Raspberry Pi; run with --mock to use Pi4J's mock platform");
            return Optional.empty();
        }
        return Optional.of(RigPlatform.raspberryPi(map.pwmChip()));
    }
}
