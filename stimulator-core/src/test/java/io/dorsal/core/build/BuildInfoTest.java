package io.dorsal.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theBuildWritesTheVersionCommitAndTimeOfThisCopy() {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).isEqualTo(System.getProperty("dorsal.expected.version"));
        // the tests run in a git checkout (a clone or a worktree), so the commit is known: hex, abbreviated
        assertThat(build.commit()).matches("[0-9a-f]{10}");
        assertThat(build.buildTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void describesItselfInOneLine() {
        Properties p = new Properties();
        p.setProperty("git.build.version", "1.2.3");
        p.setProperty("git.commit.id.abbrev", "4e5b57c1a2");
        p.setProperty("git.build.time", "2026-12-03T06:40:00Z");
        p.setProperty("git.dirty", "true");

        assertThat(BuildInfo.from(p).describe())
                .isEqualTo("1.2.3 (commit 4e5b57c1a2 with uncommitted changes, built 2026-12-03T06:40:00Z)");
    }

    @Test
    void aBuildOutsideGitSaysWhatItCannotKnow() {
        Properties p = new Properties();
        p.setProperty("git.build.version", "1.2.3");
        p.setProperty("git.commit.id.abbrev", "");

        BuildInfo build = BuildInfo.from(p);

        assertThat(build.commit()).isEqualTo(BuildInfo.UNKNOWN);
        assertThat(build.buildTime()).isEqualTo(BuildInfo.UNKNOWN);
        assertThat(build.dirty()).isFalse();
        assertThat(build.describe()).isEqualTo("1.2.3 (commit unknown, built unknown)");
    }
}
