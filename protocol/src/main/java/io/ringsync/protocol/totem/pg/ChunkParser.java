package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.totem.pg.ChunkFormat.Kind;
import java.util.List;

/**
 * Checks one chunk of one sender against every rule of {@link ChunkFormat}, given that
 * sender's unfinished message, before {@link Unpacker} copies anything. Each length is checked
 * against the bytes left before it is used; the parser reads nothing outside the chunk, never
 * throws and allocates nothing but the entries it lists.
 */
final class ChunkParser {

    /** No unfinished message. */
    static final int NONE = -1;

    /**
     * One checked entry.
     *
     * @param kind   its kind
     * @param offset where its data starts in the chunk
     * @param length its data bytes
     * @param total  the message's length (FIRST only, else 0)
     */
    record Entry(Kind kind, int offset, int length, int total) {
    }

    private final byte[] bytes;
    private final int maxMessageBytes;
    private int pos;
    private DropReason varintError;
    private long total;
    private long received;

    private ChunkParser(byte[] bytes, int maxMessageBytes, int partialTotal, int partialReceived) {
        this.bytes = bytes;
        this.maxMessageBytes = maxMessageBytes;
        this.total = partialTotal;
        this.received = partialReceived;
    }

    /**
     * Checks {@code chunk} from a sender whose unfinished message declared {@code partialTotal}
     * bytes and has {@code partialReceived} of them ({@link #NONE} and 0 when there is none).
     * Returns null and appends the entries to {@code out} if the chunk is valid, else the
     * reason to drop it (with {@code out} possibly partly filled, to be ignored).
     */
    static DropReason parse(byte[] chunk, int maxMessageBytes, int partialTotal, int partialReceived,
            List<Entry> out) {
        if (chunk == null || chunk.length == 0) {
            return DropReason.EMPTY;
        }
        return new ChunkParser(chunk, maxMessageBytes, partialTotal, partialReceived).entries(out);
    }

    private DropReason entries(List<Entry> out) {
        if (bytes[0] != ChunkFormat.VERSION) {
            return DropReason.BAD_VERSION;
        }
        if (bytes.length < ChunkFormat.HEADER_BYTES) {
            return DropReason.TRUNCATED;
        }
        int count = (bytes[1] & 0xFF) | (bytes[2] & 0xFF) << 8;
        if (count == 0) {
            return DropReason.EMPTY;
        }
        pos = ChunkFormat.HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            if (pos >= bytes.length) {
                return DropReason.TRUNCATED;
            }
            Kind kind = Kind.of(bytes[pos++] & 0xFF);
            if (kind == null) {
                return DropReason.BAD_KIND;
            }
            long length = readVarint();
            long declared = kind == Kind.FIRST && length >= 0 ? readVarint() : 0;
            if (length < 0 || declared < 0) {
                return varintError;
            }
            if (length > bytes.length - pos) {
                return DropReason.TRUNCATED;
            }
            DropReason broken = follow(kind, (int) length, (int) declared, i == count - 1);
            if (broken != null) {
                return broken;
            }
            out.add(new Entry(kind, pos, (int) length, (int) declared));
            pos += (int) length;
        }
        return pos == bytes.length ? null : DropReason.TRAILING_BYTES;
    }

    /** Applies the chain rules of an entry to the sender's unfinished message; null if it follows them. */
    private DropReason follow(Kind kind, int length, int declared, boolean lastEntry) {
        boolean unfinished = total != NONE;
        switch (kind) {
            case WHOLE -> {
                return unfinished ? DropReason.INTERRUPTED : length > maxMessageBytes ? DropReason.TOO_LARGE : null;
            }
            case FIRST -> {
                if (unfinished) {
                    return DropReason.INTERRUPTED;
                }
                if (declared > maxMessageBytes) {
                    return DropReason.TOO_LARGE;
                }
                if (length < 1 || length >= declared) {
                    return DropReason.BAD_FRAGMENT;
                }
                total = declared;
                received = length;
            }
            case MIDDLE -> {
                if (!unfinished) {
                    return DropReason.ORPHAN_CONTINUATION;
                }
                if (length < 1 || received + length >= total) {
                    return DropReason.BAD_FRAGMENT;
                }
                received += length;
            }
            case LAST -> {
                if (!unfinished) {
                    return DropReason.ORPHAN_CONTINUATION;
                }
                if (received + length != total) {
                    return DropReason.BAD_FRAGMENT;
                }
                total = NONE;
                received = 0;
            }
        }
        boolean endsChunk = kind == Kind.FIRST || kind == Kind.MIDDLE;
        return endsChunk && !lastEntry ? DropReason.MISPLACED_FRAGMENT : null;
    }

    /** The next varint, or -1 with {@link #varintError} set. */
    private long readVarint() {
        long value = 0;
        for (int i = 0; i < ChunkFormat.MAX_VARINT_BYTES; i++) {
            if (pos >= bytes.length) {
                varintError = DropReason.TRUNCATED;
                return -1;
            }
            int b = bytes[pos++] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                boolean minimal = b != 0 || i == 0;
                varintError = DropReason.BAD_VARINT;
                return minimal && value <= Integer.MAX_VALUE ? value : -1;
            }
        }
        varintError = DropReason.BAD_VARINT;
        return -1;
    }
}
