package io.ringsync.node.bench;

import java.nio.ByteBuffer;

/**
 * The payload of a bench message: a 20-byte header (magic, kind, sender node id, a long) padded
 * with zeros to the message size. A DATA message carries its sender's counter, which increases
 * by one per message offered (a counter refused with TRY_AGAIN is never reused, so delivered
 * counters may skip); an END message, sent once after a sender's last DATA, carries how many
 * of its DATA messages Totem accepted. Receivers check FIFO order and completeness against it.
 */
public final class BenchPayload {

    /** Bytes of the header: the smallest bench message. */
    public static final int HEADER_BYTES = 20;
    private static final int MAGIC = 0x52534221; // "RSB!"

    /** A bench message's kind. */
    public enum Kind {
        /** One measured message; the long is its sender's counter. */
        DATA,
        /** The sender's last message; the long is how many DATA messages Totem accepted from it. */
        END,
        /**
         * A node's last message, sent by every node once it has delivered every END: a node that
         * delivers the DONE of each member knows each has delivered everything before it, so none
         * leaves the ring while another still needs a retransmission from it. (Agreed delivery
         * at one node does not mean the others have received the message.)
         */
        DONE,
        /**
         * A node's first message, sent once its receiver is subscribed and sees the whole ring;
         * senders start only when every member's READY has been delivered, so every receiver
         * gets every DATA message (a node slow to subscribe missed a sender's first ones).
         */
        READY
    }

    /** A decoded header. */
    public record Header(Kind kind, int sender, long value) {
    }

    private BenchPayload() {
    }

    /** A DATA message of {@code size} bytes (at least {@link #HEADER_BYTES}). */
    public static byte[] data(int sender, long counter, int size) {
        return encode(Kind.DATA, sender, counter, Math.max(size, HEADER_BYTES));
    }

    /** The END message of {@code sender}, which had {@code accepted} DATA messages accepted. */
    public static byte[] end(int sender, long accepted) {
        return encode(Kind.END, sender, accepted, HEADER_BYTES);
    }

    /** The DONE or READY message of {@code node}. */
    public static byte[] marker(Kind kind, int node) {
        if (kind != Kind.DONE && kind != Kind.READY) {
            throw new IllegalArgumentException("not a marker: " + kind);
        }
        return encode(kind, node, 0, HEADER_BYTES);
    }

    /** The header of {@code payload}, or null when it is not a bench message. */
    public static Header parse(byte[] payload) {
        return parse(ByteBuffer.wrap(payload));
    }

    /** The header of the payload {@code buffer} holds from its position, or null when it is not a bench message. */
    public static Header parse(ByteBuffer payload) {
        if (payload.remaining() < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = payload.slice();
        int kind = buffer.getInt(4);
        if (buffer.getInt(0) != MAGIC || kind < 0 || kind >= Kind.values().length) {
            return null;
        }
        return new Header(Kind.values()[kind], buffer.getInt(8), buffer.getLong(12));
    }

    private static byte[] encode(Kind kind, int sender, long value, int size) {
        byte[] bytes = new byte[size];
        ByteBuffer.wrap(bytes).putInt(MAGIC).putInt(kind.ordinal()).putInt(sender).putLong(value);
        return bytes;
    }
}
