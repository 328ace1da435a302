package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.pg.ChunkFormat.Kind;
import io.ringsync.protocol.totem.pg.ChunkLayout.Piece;
import java.util.Arrays;

/**
 * One queued chunk of a {@link PackingQueue} being written in {@link ChunkFormat}. Its buffer
 * starts small and doubles up to {@code maxChunkBytes}, so a queue of small messages does not
 * hold a full-size array per chunk.
 */
final class ChunkBuilder {

    private static final int INITIAL_BYTES = 256;

    private final Delivery delivery;
    private final int maxChunkBytes;
    private final byte[] fragmentOf;
    private byte[] buffer;
    private boolean holdsLast;
    private int length = ChunkFormat.HEADER_BYTES;
    private int entries;

    /**
     * An empty chunk (header only) of {@code delivery}; {@code fragmentOf} is the message whose
     * fragment it will hold (a fragment's chunk holds nothing else), or null.
     */
    ChunkBuilder(Delivery delivery, int maxChunkBytes, byte[] fragmentOf) {
        this.delivery = delivery;
        this.maxChunkBytes = maxChunkBytes;
        this.fragmentOf = fragmentOf;
        this.buffer = new byte[Math.min(maxChunkBytes, INITIAL_BYTES)];
        buffer[0] = ChunkFormat.VERSION;
    }

    /** The delivery of every message in the chunk. */
    Delivery delivery() {
        return delivery;
    }

    /** The message this chunk holds a fragment of, or null for a chunk of whole messages. */
    byte[] fragmentOf() {
        return fragmentOf;
    }

    /** Whether this chunk holds a LAST fragment. */
    boolean holdsLast() {
        return holdsLast;
    }

    /** Bytes written so far, header included. */
    int length() {
        return length;
    }

    /** Bytes an entry may still take, or -1 once the entry count is at its maximum. */
    int room() {
        return entries == ChunkFormat.MAX_ENTRIES ? -1 : maxChunkBytes - length;
    }

    /**
     * Writes {@code piece} of {@code message} as the next entry and returns the bytes it took.
     * The piece must fit the room ({@link ChunkLayout} plans so); a piece that does not is a
     * broken invariant and throws.
     */
    int append(Piece piece, byte[] message) {
        int size = (int) ChunkFormat.entryBytes(piece.kind(), piece.length(), message.length);
        if (size > room()) {
            throw new IllegalStateException(piece + " does not fit the " + room() + " bytes left");
        }
        ensureCapacity(length + size);
        int pos = length;
        buffer[pos++] = (byte) piece.kind().ordinal();
        pos = ChunkFormat.writeVarint(buffer, pos, piece.length());
        if (piece.kind() == Kind.FIRST) {
            pos = ChunkFormat.writeVarint(buffer, pos, message.length);
        }
        System.arraycopy(message, piece.offset(), buffer, pos, piece.length());
        length = pos + piece.length();
        holdsLast |= piece.kind() == Kind.LAST;
        entries++;
        buffer[1] = (byte) entries;
        buffer[2] = (byte) (entries >>> 8);
        return size;
    }

    /** The chunk as written so far. */
    Chunk toChunk() {
        return new Chunk(delivery, Arrays.copyOf(buffer, length));
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxChunkBytes, Math.max(needed, 2L * buffer.length)));
        }
    }
}
