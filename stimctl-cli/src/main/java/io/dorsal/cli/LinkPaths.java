package io.dorsal.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Where identities live by default, and the names they get. */
final class LinkPaths {

    private LinkPaths() {
    }

    static Path defaultRigIdentity() {
        return Path.of(System.getProperty("user.home"), ".dorsal", "rig");
    }

    static Path defaultProgrammerIdentity() {
        return Path.of(System.getProperty("user.home"), ".dorsal", "programmer");
    }

    /** {@code prefix@host}, a readable default name for a new identity. */
    static String defaultName(String prefix) {
        try {
            return prefix + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return prefix;
        }
    }
}
