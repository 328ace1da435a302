package io.ringsync.quorum;

import io.ringsync.protocol.totem.RingId;

/** What {@link VoteQuorum} asks its driver to do; the driver takes them after each call. */
public sealed interface QuorumEffect permits QuorumEffect.PersistExpected, QuorumEffect.ArmLastManStanding,
        QuorumEffect.Applied {

    /**
     * expected_votes_tracking: the highest expected votes seen rose; write it to the state
     * directory so that a restart honours it.
     *
     * @param expected the value to keep
     */
    record PersistExpected(int expected) implements QuorumEffect {
    }

    /**
     * last_man_standing: this node is the lowest member of {@code ring}, in which a window runs;
     * when it ends, the node multicasts {@link QuorumMessage.LastManStandingExpired} for the ring
     * (the expiry of an earlier ring is stale). A {@code restart} window lasts {@code windowMs}
     * from now; otherwise the window started in an earlier ring goes on: the driver keeps the end
     * it was timing, or times a whole window when it was not timing one (it was not the lowest).
     *
     * @param ring     the ring in which the window runs
     * @param windowMs last_man_standing_window
     * @param restart  true when this ring change (re)started the window
     */
    record ArmLastManStanding(RingId ring, long windowMs, boolean restart) implements QuorumEffect {
    }

    /**
     * A runtime change this node asked for has been applied in the total order.
     *
     * @param requestId the number the driver gave the request
     */
    record Applied(long requestId) implements QuorumEffect {
    }
}
