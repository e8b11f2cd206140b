package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real process, stopped the way an operator stops it (SIGTERM, as Ctrl-C and a shutdown do): the shutdown hook
 * must stop the runner through the fail-safe path, which drives every line to its safe level.
 */
class ShutdownTest {

    @Test
    void aShutdownMidRunDrivesEveryLineSafeThroughTheStopPath() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path examples = Path.of("..", "examples");
        Process rig = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.dorsal.cli.Stimctl",
                "rig", "run", examples.resolve("rig-tonic.json").toString(), "--pins",
                examples.resolve("rig-pins.json").toString(), "--mock", "--duration-s", "600",
                // this test is about the stop path: a machine loaded by other builds must not fault the run first
                "--fault-lateness-us", "10000000", "--overrun-bound-us", "10000000")
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(rig.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.contains("actions") && output.stream().filter(l -> l.contains("actions")).count() == 1) {
                    // the first progress line: the run is under way; SIGTERM, without closing our end of its output
                    new ProcessBuilder("kill", "-TERM", Long.toString(rig.pid())).start().waitFor();
                }
            }
        }

        assertThat(rig.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).anySatisfy(l -> assertThat(l).contains("rig stopped: JVM shutdown",
                "every line driven to its safe level"));
    }
}
