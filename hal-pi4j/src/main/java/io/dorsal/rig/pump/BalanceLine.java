package io.dorsal.rig.pump;

import java.io.IOException;

/** The serial line a balance prints on, read without blocking. */
public interface BalanceLine extends AutoCloseable {

    /** Copies what arrived since the last read into {@code buffer}; 0 when nothing did. Never waits. */
    int read(byte[] buffer) throws IOException;

    @Override
    void close();
}
