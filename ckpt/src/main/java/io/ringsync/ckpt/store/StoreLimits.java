package io.ringsync.ckpt.store;

/**
 * The node's limits on the checkpoint store (config {@code ckpt.max-checkpoints} and
 * {@code ckpt.max-total-bytes}); beyond them a call gets {@link CkptError#NO_SPACE}, so a client
 * can never make a node run out of memory. Every node of a cluster must use the same limits, or
 * their replicas could differ (a create refused on one node and done on another).
 *
 * @param maxCheckpoints the most checkpoints, unlinked ones still open included
 * @param maxTotalBytes  the most bytes of section data and section ids over all checkpoints
 */
public record StoreLimits(int maxCheckpoints, long maxTotalBytes) {

    /** Checks both are positive. */
    public StoreLimits {
        if (maxCheckpoints < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("store limits must be positive: " + maxCheckpoints + " checkpoints, "
                    + maxTotalBytes + " bytes");
        }
    }
}
