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
    UNKNOWN_LINK,
    /**
     * A repeating group's entry count outside its bounds: above its cap (Totem token rtr list: 30
     * entries; membership node lists and entries: the nodelist size, at most 384), an empty
     * commit token member list, or commit token entries other than its membIndex.
     */
    BAD_GROUP_COUNT,
    /**
     * A variable-length part whose declared length is impossible: a group entry shorter than
     * its fields or above the block cap, or a payload above the cap (term length / 8 less the
     * frame overhead). A declared length that is allowed but runs past the frame is TRUNCATED.
     */
    BAD_LENGTH,
    /**
     * A field outside its range: an unknown enum value, a zero ring representative or origin,
     * a Totem counter above 2^63 - 1, aru above seq, or a message seq of 0 (also in an
     * encapsulated mcast's origin), an encapsulated flag other than 0 or 1; in membership
     * frames, a listed node id not in the nodelist or not above the one before, a join whose
     * sender is not in its proc list, a commit token whose members are not led by its
     * representative or whose membIndex exceeds its member count.
     */
    BAD_FIELD
}
