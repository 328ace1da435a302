package io.ringsync.protocol.wire;

/**
 * Why an inbound frame was dropped. Each is counted; none is thrown. The checks run in this
 * order, and every length is checked before the bytes it covers are read.
 */
public enum DropReason implements DecodeResult {
    /** Shorter than the message header, or than header + declared block length. */
    TRUNCATED,
    /** Header's schema id is not ringsync's. */
    UNKNOWN_SCHEMA,
    /** Header's version is 0 (versions start at 1; newer versions are read as far as known). */
    UNSUPPORTED_VERSION,
    /** Template id (message type) this version does not know. */
    UNKNOWN_TYPE,
    /** Block length below what the message needs at the declared version, or above the sanity cap. */
    BAD_BLOCK_LENGTH,
    /** Cluster hash differs from {@link ClusterHash#of} our cluster name. */
    FOREIGN_CLUSTER,
    /** Sender node id is not in the nodelist. */
    UNKNOWN_SENDER,
    /** Sender node id is our own: a duplicated node id or a looped-back frame. */
    SELF_SENDER,
    /** Addressed to another node (a misrouted or stale frame). */
    WRONG_TARGET,
    /** Link number that the sender or this node does not have. */
    UNKNOWN_LINK
}
