package io.ringsync.quorum;

/**
 * Whether a calculation may lower quorum. votequorum's quorum never decreases on its own (a node
 * that fails keeps its votes in the expected count); only these explicit paths lower it.
 */
public enum Decrease {
    /** Quorum stays at least what it was: a ring change, a node joining, a device vote. */
    NEVER,
    /**
     * Quorum is recomputed from scratch: an operator set expected votes or a node's votes
     * ({@code corosync-quorumtool -e / -v}), or this node adopted a quorate peer's expected votes.
     */
    ALLOWED,
    /**
     * As {@link #ALLOWED}, and expected votes become the votes of the current members: the
     * last_man_standing window expired while quorate, or a node left cleanly under allow_downscale
     * (whose floor then applies).
     */
    TO_MEMBERS
}
