package io.dorsal.core.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and build of this copy of Dorsal, as {@code stimctl --version} and the programmer's About say
 * it. The build writes {@value #RESOURCE} (git-commit-id-maven-plugin, at the start of every build of
 * stimulator-core); a copy built outside a git checkout says {@value #UNKNOWN} for what it cannot know.
 *
 * @param version   the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit    the abbreviated git commit it was built from
 * @param buildTime when it was built, ISO-8601 in UTC
 * @param dirty     whether the checkout had uncommitted changes
 */
public record BuildInfo(String version, String commit, String buildTime, boolean dirty) {

    /** The resource the build writes. */
    public static final String RESOURCE = "/io/dorsal/core/build/build.properties";
    /** What a field says when the build could not tell. */
    public static final String UNKNOWN = "unknown";

    /** This copy's build, from {@value #RESOURCE}. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return from(p);
    }

    /** A build from the plugin's properties; missing or blank ones are {@value #UNKNOWN}. */
    public static BuildInfo from(Properties p) {
        return new BuildInfo(value(p, "git.build.version"), value(p, "git.commit.id.abbrev"), value(p, "git.build.time"),
                Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }

    /** One line: {@code 0.1.0-SNAPSHOT (commit 4e5b57c1a2, built 2026-12-03T06:40:00Z)}. */
    public String describe() {
        return version + " (commit " + commit + (dirty ? " with uncommitted changes" : "") + ", built " + buildTime + ")";
    }
}
