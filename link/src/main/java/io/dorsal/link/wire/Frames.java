package io.dorsal.link.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. A frame above {@link #MAX_FRAME_BYTES}
 * is refused before any of its body is read, so memory per connection stays bounded.
 */
public final class Frames {

    /** Largest frame either side accepts: a whole program file fits many times over. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private Frames() {
    }

    /** Reads one frame's body; {@code null} at a clean end of stream between frames. */
    public static byte[] read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length;
        try {
            length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8)
                    | data.readUnsignedByte();
        } catch (EOFException e) {
            throw new FrameException("truncated frame header");
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new FrameException("frame of " + Integer.toUnsignedString(length) + " bytes; at most "
                    + MAX_FRAME_BYTES);
        }
        byte[] body = new byte[length];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new FrameException("truncated frame: " + length + " bytes announced");
        }
        return body;
    }

    public static void write(OutputStream out, byte[] body) throws IOException {
        if (body.length > MAX_FRAME_BYTES) {
            throw new FrameException("frame of " + body.length + " bytes; at most " + MAX_FRAME_BYTES);
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(body.length);
        data.write(body);
        data.flush();
    }
}
