package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;

/**
 * The local IPC framing: each message is a 4-byte big-endian length followed by that many
 * bytes of UTF-8 JSON. Lengths are checked against the limit before any buffer for the body
 * is allocated.
 */
public final class IpcFrames {

    /** The largest request body, 64 KiB. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** The largest reply body, 1 MiB (a status report of a large cluster). */
    public static final int MAX_REPLY_BYTES = 1024 * 1024;

    private IpcFrames() {
    }

    /**
     * Reads one frame; {@code what} ("request", "reply") names it in error messages. Empty when the peer closed the stream cleanly before a new frame;
     * {@link IpcProtocolException} when the length is out of range or the stream ends inside
     * a frame.
     */
    public static Optional<byte[]> read(ReadableByteChannel channel, int maxBytes, String what) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Integer.BYTES);
        int headerRead = readFully(channel, header);
        if (headerRead == 0) {
            return Optional.empty();
        }
        if (headerRead < Integer.BYTES) {
            throw new IpcProtocolException("truncated " + what + ": the stream ended inside the 4-byte length prefix");
        }
        int length = header.flip().getInt();
        if (length < 0 || length > maxBytes) {
            throw new IpcProtocolException("oversize " + what + ": " + Integer.toUnsignedString(length)
                    + " bytes announced, the limit is " + maxBytes + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        int bodyRead = readFully(channel, body);
        if (bodyRead < length) {
            throw new IpcProtocolException("truncated " + what + ": " + length + " bytes announced, "
                    + bodyRead + " received before the stream ended");
        }
        return Optional.of(body.array());
    }

    /** Writes one frame whose body must not exceed {@code maxBytes}. */
    public static void write(WritableByteChannel channel, byte[] body, int maxBytes) throws IOException {
        if (body.length > maxBytes) {
            throw new IpcProtocolException("message of " + body.length + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.length);
        frame.putInt(body.length).put(body).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    /** Reads until the buffer is full or the stream ends; returns the bytes read. */
    private static int readFully(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                return total;
            }
            total += n;
        }
        return total;
    }
}
