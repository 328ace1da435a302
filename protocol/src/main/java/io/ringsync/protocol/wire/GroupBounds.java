package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.GroupSizeEncodingDecoder;
import org.agrona.DirectBuffer;

/**
 * The check every repeating group passes before a byte of it is read, shared by the Totem
 * decoders: its header lies in the frame ({@code TRUNCATED}), its count is within its bounds
 * ({@code BAD_GROUP_COUNT}), its entry length covers the entry's fields and is at most
 * {@link FrameDecoder#MAX_BLOCK_LENGTH} ({@code BAD_LENGTH}), and count &times; entry length
 * lies in the frame ({@code TRUNCATED}). Not thread safe: owned by one decoder.
 */
final class GroupBounds {

    /** Length of a group header (entry length and count). */
    static final int HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;

    private final GroupSizeEncodingDecoder header = new GroupSizeEncodingDecoder();

    /**
     * Checks the group whose header starts at {@code limit}, in a frame ending at {@code end},
     * against {@code minCount..maxCount} entries of at least {@code minEntryLength} bytes.
     *
     * @return the drop reason, or null if the whole group lies in the frame and may be read
     */
    DropReason check(DirectBuffer buffer, int limit, int end, int minCount, int maxCount, int minEntryLength) {
        if (limit > end - HEADER_LENGTH) {
            return DropReason.TRUNCATED;
        }
        header.wrap(buffer, limit);
        int entryLength = header.blockLength();
        int count = header.numInGroup();
        if (count < minCount || count > maxCount) {
            return DropReason.BAD_GROUP_COUNT;
        }
        if (entryLength < minEntryLength || entryLength > FrameDecoder.MAX_BLOCK_LENGTH) {
            return DropReason.BAD_LENGTH;
        }
        // count <= 65535 and entryLength <= MAX_BLOCK_LENGTH: the product cannot overflow
        return limit + HEADER_LENGTH + count * entryLength > end ? DropReason.TRUNCATED : null;
    }
}
