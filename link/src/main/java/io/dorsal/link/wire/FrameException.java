package io.dorsal.link.wire;

import java.io.IOException;

/** A frame that breaks the wire format: too large, truncated, or not a message. The connection is dropped. */
public final class FrameException extends IOException {

    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
