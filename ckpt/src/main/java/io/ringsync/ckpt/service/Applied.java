package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.SectionId;

/**
 * What applying one {@link CkptOp} to the replica gave: the result code, the index of the
 * element that failed (writes; -1 otherwise), the checkpoint an open reached and the id a
 * generated section got (null otherwise).
 *
 * @param error       the result code
 * @param failedIndex the failed element of a write, or -1
 * @param opened      the checkpoint of a successful open, or null
 * @param created     the id of a successfully created generated section, or null
 */
public record Applied(CkptError error, int failedIndex, CheckpointId opened, SectionId created) {

    /** A result without a created section. */
    public Applied(CkptError error, int failedIndex, CheckpointId opened) {
        this(error, failedIndex, opened, null);
    }

    /** A result without index or checkpoint. */
    public static Applied of(CkptError error) {
        return new Applied(error, -1, null);
    }
}
