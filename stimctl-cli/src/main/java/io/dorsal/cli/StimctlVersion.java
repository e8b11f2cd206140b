package io.dorsal.cli;

import io.dorsal.core.build.BuildInfo;
import picocli.CommandLine;

/** {@code stimctl --version}: the version and build (git commit, build time), and the Java it runs on. */
final class StimctlVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "stimctl " + BuildInfo.current().describe(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
