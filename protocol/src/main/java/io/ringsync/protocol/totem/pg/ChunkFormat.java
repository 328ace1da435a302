package io.ringsync.protocol.totem.pg;

/**
 * The byte layout of a {@link Chunk}, written by {@link PackingQueue} and checked by
 * {@link Unpacker}. All multi-byte integers are little-endian.
 *
 * <pre>
 * offset  size       field
 * 0       u8         version: {@value #VERSION} today; a receiver drops a chunk of any other
 * 1       u16 LE     entry count n, 1..{@value #MAX_ENTRIES}
 * 3       ...        n entries back to back, then nothing (no padding, no trailing bytes)
 *
 * entry:  u8         kind: 0 WHOLE, 1 FIRST, 2 MIDDLE, 3 LAST
 *         varint     length: data bytes in this entry
 *         varint     total: the whole message's length (FIRST only)
 *         length B   data
 * </pre>
 *
 * A varint is unsigned LEB128: 7 bits per byte, least significant group first, high bit set
 * on every byte but the last; at most 5 bytes, minimal (no trailing zero group), value at most
 * {@link Integer#MAX_VALUE}. A message below 128 bytes costs 2 bytes of overhead, one below
 * 16 KiB 3 bytes.
 *
 * <p>Entry rules, per sender (whose chunks arrive in its order):
 * <ul>
 * <li><b>WHOLE</b> is a complete message, possibly empty.</li>
 * <li><b>FIRST</b> starts a message of {@code total} bytes with 1 &le; length &lt; total.</li>
 * <li><b>MIDDLE</b> continues it with length &ge; 1, the bytes so far staying below total.</li>
 * <li><b>LAST</b> completes it: the bytes so far plus length equal total exactly.</li>
 * <li>FIRST and MIDDLE end their chunk (the packer fills the chunk with them), so the
 *     fragments of one message sit in consecutive chunks of its sender, and MIDDLE or LAST
 *     open theirs. WHOLE or FIRST while a message is unfinished, or MIDDLE or LAST while
 *     none is, breaks the chain.</li>
 * </ul>
 * A chunk breaking any rule is dropped whole (none of its messages is delivered) and the
 * sender's unfinished message is discarded. The delivery guarantee is not in the bytes: it
 * travels in the Totem message (one per chunk).
 *
 * <p>Evolution: a new layout takes a new version byte; receivers that know several pick the
 * parser by it.
 */
public final class ChunkFormat {

    /** The version byte of this layout. */
    public static final byte VERSION = 1;

    /** Bytes before the first entry: version and entry count. */
    public static final int HEADER_BYTES = 3;

    /** The most entries one chunk holds (the u16 count). */
    public static final int MAX_ENTRIES = 0xFFFF;

    /**
     * The smallest chunk the packer accepts: the header, a FIRST entry's kind and two 5-byte
     * varints, and one data byte, rounded up.
     */
    public static final int MIN_CHUNK_BYTES = 16;

    /**
     * Bytes a chunk may take beyond {@code totem.frame_size} for its own header and its entries'
     * headers, so that frame_size bytes of application data fill whole frames: a 16 KiB message
     * takes one 16 KiB frame (without it, one and a sliver of 15 bytes: twice as many frames),
     * and sixteen 1 KiB messages one (without it, fifteen).
     */
    public static final int FRAME_HEADROOM = 64;

    /** The most bytes a varint takes. */
    static final int MAX_VARINT_BYTES = 5;

    /** An entry's kind; its ordinal is the kind byte. */
    enum Kind {
        /** A complete message. */
        WHOLE,
        /** The first fragment of a message; carries the total length. */
        FIRST,
        /** A fragment that neither starts nor completes its message. */
        MIDDLE,
        /** The fragment that completes its message. */
        LAST;

        private static final Kind[] BY_CODE = values();

        /** The kind of {@code code}, or null for an unknown one. */
        static Kind of(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    private ChunkFormat() {
    }

    /** The bytes the varint of {@code value} (at least 0) takes. */
    static int varintBytes(int value) {
        int bytes = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            bytes++;
        }
        return bytes;
    }

    /** Writes the varint of {@code value} (at least 0) at {@code pos}; returns the position after it. */
    static int writeVarint(byte[] buffer, int pos, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            buffer[pos++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[pos++] = (byte) rest;
        return pos;
    }

    /** The encoded size of an entry of {@code kind} with {@code length} data bytes. */
    static long entryBytes(Kind kind, int length, int total) {
        long overhead = 1L + varintBytes(length) + (kind == Kind.FIRST ? varintBytes(total) : 0);
        return overhead + length;
    }

    /**
     * The most data bytes an entry of {@code kind} can carry in {@code room} bytes, or -1 if
     * not even an empty one fits. The result may leave a byte unused where the length's varint
     * would grow by one.
     */
    static int maxData(Kind kind, int room, int total) {
        int data = Math.max(0, room - 1 - (kind == Kind.FIRST ? varintBytes(total) : 0) - 1);
        while (data > 0 && entryBytes(kind, data, total) > room) {
            data--;
        }
        return entryBytes(kind, data, total) <= room ? data : -1;
    }
}
