package io.ringsync.cpg;

/**
 * The outcome of a CPG request, after Corosync's {@code cs_error_t} codes for the same cases.
 */
public enum CpgResult {
    /** Done (for join, leave and mcast: queued in the total order). */
    OK,
    /** Join: this pid already joined (or is joining) the group on this node. */
    EXIST,
    /** Leave or mcast: this pid is not (or no longer) a member of the group. */
    NOT_EXIST,
    /**
     * Retry later: a sync round runs, no ring has formed yet, Totem's queue is full, or the
     * previous membership of this pid in the group is still leaving.
     */
    TRY_AGAIN,
    /** Leave while the join is still in flight, or join while a leave is. */
    BUSY,
    /** The payload is above {@link CpgLimits#MAX_MESSAGE_BYTES}. */
    TOO_BIG,
    /** A bad argument, e.g. a group name that is empty or too long. */
    INVALID_PARAM,
    /** The CPG service did not answer in time (its actor is busy or restarting). */
    TIMEOUT
}
