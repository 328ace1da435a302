package io.ringsync.protocol.totem.membership;

/**
 * Why membership changed state: Corosync's gather reasons ({@code TOTEMSRP_GSFROM_*}) plus the
 * reasons of the forward transitions. Each has a counter (STYLE.md rule 4).
 */
public enum TransitionReason {
    /** First GATHER after boot, from the "alone" configuration. */
    STARTUP,
    /** The token-loss timer expired in OPERATIONAL. */
    TOKEN_LOSS_IN_OPERATIONAL,
    /** The token-loss timer expired in COMMIT (the commit token did not come back). */
    TOKEN_LOSS_IN_COMMIT,
    /** The token-loss timer expired in RECOVERY. */
    TOKEN_LOSS_IN_RECOVERY,
    /** A multicast or merge_detect from a foreign ring arrived in OPERATIONAL or GATHER. */
    FOREIGN_MESSAGE,
    /** A join arrived in OPERATIONAL that was neither stale nor listed this node as failed. */
    JOIN_IN_OPERATIONAL,
    /** A join merged new processors or failures into the sets during GATHER. */
    MERGE_DURING_JOIN,
    /** A join from a new-ring member with ring seq at least mine arrived in COMMIT. */
    JOIN_DURING_COMMIT,
    /** A join from a new-ring member with ring seq at least mine arrived in RECOVERY. */
    JOIN_DURING_RECOVERY,
    /** The consensus timer expired without agreement; non-agreeing nodes were marked failed. */
    CONSENSUS_TIMEOUT,
    /**
     * In GATHER the link layer reported a node of proc unreachable that had not agreed; it was
     * marked failed (fail-unreachable rule, {@link MembershipCore#peerReachability}).
     */
    PEER_UNREACHABLE,
    /** The ordering layer reported FAILED TO RECEIVE; this node marked itself failed (alone). */
    FAILED_TO_RECEIVE,
    /** Rotation 1: this node filled its commit-token entry. */
    COMMIT_TOKEN_ROTATION_1,
    /** Rotation 2: the commit token came back with every entry filled. */
    COMMIT_TOKEN_ROTATION_2,
    /** The recovery layer finished; the new ring is installed. */
    RECOVERY_COMPLETE
}
