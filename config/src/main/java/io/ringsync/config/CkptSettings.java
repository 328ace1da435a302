package io.ringsync.config;

/**
 * The checkpoint service (section {@code ckpt}): the store's limits, beyond which calls get
 * NO_SPACE (every node of a cluster must use the same ones, or replicas could differ), how often
 * the lowest member sends the ordered clock's tick that expires sections and ends retention, and
 * how long a client's call waits for its ordered message before it is answered TIMEOUT.
 *
 * @param maxCheckpoints   the most checkpoints, unlinked ones still open included
 * @param maxTotalBytes    the most bytes of section data and section ids in all checkpoints
 * @param tickIntervalMs   the ordered clock's period (expiration and retention are this coarse)
 * @param requestTimeoutMs how long a mutation waits to be applied locally
 */
public record CkptSettings(int maxCheckpoints, long maxTotalBytes, long tickIntervalMs, long requestTimeoutMs) {

    /** The defaults of reference.conf: 1024 checkpoints, 256 MiB, a tick a second, 30 s. */
    public static final CkptSettings DEFAULTS = new CkptSettings(1024, 64L * 1024 * 1024, 1000, 30_000);
}
