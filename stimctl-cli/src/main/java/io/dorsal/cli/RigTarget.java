package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.rig.pins.PinMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Option;

/** {@code --pins MAP [--mock]}: the rig a command drives, as a picocli mixin of the rig commands that need no more. */
final class RigTarget {

    /** The pin map, read and checked, and the platform opened for it. */
    record Opened(PinMap map, Context pi4j) {
    }

    @Option(names = "--pins", required = true, paramLabel = "MAP", description = "the rig's pin map (JSON)")
    Path pins;

    @Option(names = "--mock", description = "use Pi4J's mock platform instead of the Pi's pins")
    boolean mock;

    /** The pin map and its platform; empty, after saying why on {@code err}, if either cannot be had. */
    Optional<Opened> open(PrintWriter err) {
        Optional<PinMap> map = RigPins.load(pins, err);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        return RigPins.platform(mock, map.get(), err).map(pi4j -> new Opened(map.get(), pi4j));
    }

    /**
     * Opens the rig, lets {@code work} drive it and shuts the platform down however the work ends: the work's exit
     * code, or {@link Stimctl#EXIT_REFUSED}, after saying why on {@code err}, when the rig cannot be opened.
     */
    int drive(PrintWriter err, ToIntFunction<Opened> work) {
        Optional<Opened> opened = open(err);
        if (opened.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        try {
            return work.applyAsInt(opened.get());
        } finally {
            opened.get().pi4j().shutdown();
        }
    }
}
