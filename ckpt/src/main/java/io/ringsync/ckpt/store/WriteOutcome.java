package io.ringsync.ckpt.store;

/**
 * The result of a write of several elements: OK, or the error of the first element that failed
 * and its index ({@code erroneousVectorIndex}); the elements before it are written.
 *
 * @param error       the result code
 * @param failedIndex the index of the element that failed, -1 on success
 */
public record WriteOutcome(CkptError error, int failedIndex) {

    /** Every element written. */
    public static final WriteOutcome OK = new WriteOutcome(CkptError.OK, -1);

    /** Element {@code index} failed with {@code error}. */
    public static WriteOutcome failedAt(int index, CkptError error) {
        return new WriteOutcome(error, index);
    }
}
