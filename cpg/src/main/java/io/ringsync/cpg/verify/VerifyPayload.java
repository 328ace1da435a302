package io.ringsync.cpg.verify;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The messages of the CPG traffic checker (after Corosync's cpghum): a 28-byte header, then
 * random filler up to the message's size. Header, big-endian: the magic {@code RSV1}, the
 * sender's sequence number (8 bytes, from 0), the send time in the sender's nanosecond clock (8),
 * the whole message's length (4), and a CRC-32 of every other byte of the message (4). A receiver
 * checks the length and the checksum; the sender's identity is the CPG sender of the delivery.
 */
public final class VerifyPayload {

    /** Bytes of the header, the smallest message. */
    public static final int HEADER_BYTES = 28;

    private static final int MAGIC = 0x52535631;
    private static final int LENGTH_AT = 20;
    private static final int CRC_AT = 24;

    /** A checked message's header. */
    public record Header(long seq, long sentNanos, int length, int crc) {
    }

    private VerifyPayload() {
    }

    /** Message {@code seq} of {@code size} bytes (at least {@link #HEADER_BYTES}), filler from {@code random}. */
    public static byte[] encode(long seq, long sentNanos, int size, SplittableRandom random) {
        if (size < HEADER_BYTES) {
            throw new IllegalArgumentException("a checked message has at least " + HEADER_BYTES + " bytes, not " + size);
        }
        byte[] message = new byte[size];
        random.nextBytes(message);
        ByteBuffer.wrap(message).putInt(MAGIC).putLong(seq).putLong(sentNanos).putInt(size).putInt(0);
        ByteBuffer.wrap(message).putInt(CRC_AT, crcOf(message));
        return message;
    }

    /** The header of {@code message}, or the one-line problem with it (too short, no magic, wrong size, bad checksum). */
    public static Checked check(byte[] message) {
        if (message.length < HEADER_BYTES) {
            return Checked.bad("short message of " + message.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        if (in.getInt(0) != MAGIC) {
            return Checked.bad("not a checker message (no magic)");
        }
        int length = in.getInt(LENGTH_AT);
        if (length != message.length) {
            return Checked.bad("size " + message.length + " bytes, the sender wrote " + length);
        }
        int crc = in.getInt(CRC_AT);
        if (crc != crcOf(message)) {
            return Checked.bad("checksum mismatch");
        }
        return new Checked(new Header(in.getLong(4), in.getLong(12), length, crc), null);
    }

    /** A checked message: the header, or the problem. */
    public record Checked(Header header, String problem) {

        static Checked bad(String problem) {
            return new Checked(null, problem);
        }

        /** True when the message is intact. */
        public boolean ok() {
            return problem == null;
        }
    }

    private static int crcOf(byte[] message) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, CRC_AT);
        crc.update(message, HEADER_BYTES, message.length - HEADER_BYTES);
        return (int) crc.getValue();
    }
}
