package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.build.BuildInfo;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void versionSaysTheVersionCommitAndBuildTime() {
        CliRun run = CliRun.stimctl("--version");

        BuildInfo build = BuildInfo.current();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines().get(0)).isEqualTo("stimctl " + build.version() + " (commit " + build.commit()
                + (build.dirty() ? " with uncommitted changes" : "") + ", built " + build.buildTime() + ")");
        assertThat(build.commit()).isNotEqualTo(BuildInfo.UNKNOWN);
        assertThat(run.outLines().get(1)).startsWith("Java " + Runtime.version().feature());
    }
}
