package io.ringsync.ckpt;

import io.ringsync.ckpt.store.CkptError;

/**
 * How the {@link Ckpt} API fails a call: the SA Forum result code, and for writes and reads of
 * several elements the index of the element that failed.
 */
public final class CkptException extends RuntimeException {

    private final CkptError error;
    private final int failedIndex;

    /** A failure with {@code error} of the call named {@code call}; {@code failedIndex} -1 when not per element. */
    public CkptException(String call, CkptError error, int failedIndex) {
        super(call + " failed: " + error + (failedIndex >= 0 ? " at element " + failedIndex : ""), null, false, false);
        this.error = error;
        this.failedIndex = failedIndex;
    }

    /** The result code. */
    public CkptError error() {
        return error;
    }

    /** The index of the element that failed, or -1. */
    public int failedIndex() {
        return failedIndex;
    }
}
