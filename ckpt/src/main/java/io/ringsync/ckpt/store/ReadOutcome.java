package io.ringsync.ckpt.store;

import java.util.List;

/**
 * The result of a read of several ranges: OK with the bytes of each range, or the error of the
 * first range that failed and its index (no data then).
 *
 * @param error       the result code
 * @param failedIndex the index of the range that failed, -1 on success
 * @param data        the bytes read per range, in order (empty on failure)
 */
public record ReadOutcome(CkptError error, int failedIndex, List<byte[]> data) {

    /** Every range read. */
    public static ReadOutcome ok(List<byte[]> data) {
        return new ReadOutcome(CkptError.OK, -1, List.copyOf(data));
    }

    /** Range {@code index} failed with {@code error}. */
    public static ReadOutcome failedAt(int index, CkptError error) {
        return new ReadOutcome(error, index, List.of());
    }
}
