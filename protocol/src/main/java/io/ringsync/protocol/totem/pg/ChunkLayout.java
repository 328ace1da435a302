package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.pg.ChunkFormat.entryBytes;
import static io.ringsync.protocol.totem.pg.ChunkFormat.maxData;

import io.ringsync.protocol.totem.pg.ChunkFormat.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bytes of one message go, decided before anything is written so that
 * {@link PackingQueue#offer} can refuse a message whole. Rules, in order:
 * <ol>
 * <li>a message that fits whole in the open chunk (the last queued one, same delivery) is
 *     packed there;</li>
 * <li>else one that fits whole in a fresh chunk starts one (it is not split to fill the open
 *     chunk's tail);</li>
 * <li>else it is fragmented into chunks of its own: FIRST, MIDDLE and LAST fragments each open
 *     a fresh chunk, and the LAST's chunk is closed ({@link PackingQueue} packs nothing after
 *     it). Deviation from Corosync, whose FIRST fills the open chunk's tail: a chunk holding a
 *     fragment holds nothing else, so when a ring change makes every node drop a fragmented
 *     message ({@link Unpacker#configurationChanged}), no whole message is lost with it.</li>
 * </ol>
 */
final class ChunkLayout {

    /**
     * One entry to write.
     *
     * @param kind     the entry kind
     * @param offset   where its data starts in the message
     * @param length   its data bytes
     * @param newChunk whether it opens a new chunk (else it goes into the open one)
     */
    record Piece(Kind kind, int offset, int length, boolean newChunk) {
    }

    private ChunkLayout() {
    }

    /**
     * The pieces of a message of {@code length} bytes, given the room left in the open chunk
     * ({@code openRoom}, -1 when there is no open chunk of the message's delivery) and chunks
     * of {@code maxChunkBytes} (at least {@link ChunkFormat#MIN_CHUNK_BYTES}).
     */
    static List<Piece> plan(int openRoom, int length, int maxChunkBytes) {
        int freshRoom = maxChunkBytes - ChunkFormat.HEADER_BYTES;
        long whole = entryBytes(Kind.WHOLE, length, 0);
        if (whole <= openRoom) {
            return List.of(new Piece(Kind.WHOLE, 0, length, false));
        }
        if (whole <= freshRoom) {
            return List.of(new Piece(Kind.WHOLE, 0, length, true));
        }
        List<Piece> pieces = new ArrayList<>();
        int first = maxData(Kind.FIRST, freshRoom, length);
        pieces.add(new Piece(Kind.FIRST, 0, first, true));
        int offset = first;
        // MIDDLE and LAST entries of equal length have equal size, so a LAST that does not fit
        // means a full MIDDLE leaves at least one byte for it.
        int middle = maxData(Kind.MIDDLE, freshRoom, 0);
        while (entryBytes(Kind.LAST, length - offset, 0) > freshRoom) {
            pieces.add(new Piece(Kind.MIDDLE, offset, middle, true));
            offset += middle;
        }
        pieces.add(new Piece(Kind.LAST, offset, length - offset, true));
        return pieces;
    }

    /** How many new chunks {@code pieces} open. */
    static int newChunks(List<Piece> pieces) {
        int count = 0;
        for (Piece piece : pieces) {
            count += piece.newChunk() ? 1 : 0;
        }
        return count;
    }
}
