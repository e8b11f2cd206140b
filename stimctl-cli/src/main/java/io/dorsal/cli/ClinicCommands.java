package io.dorsal.cli;

import picocli.CommandLine;

/** How the records commands report a refusal: one line on stderr, exit 1, no stack trace. */
final class ClinicCommands {

    private ClinicCommands() {
    }

    static int refused(CommandLine.Model.CommandSpec spec, Exception e) {
        spec.commandLine().getErr().println("stimctl: " + e.getMessage());
        return Stimctl.EXIT_REFUSED;
    }
}
