package io.dorsal.link.client;

import java.io.IOException;

/** The rig refused the connection, the pairing or the session, with its reason. */
public final class LinkRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public LinkRefusedException(String reason) {
        super(reason);
    }
}
