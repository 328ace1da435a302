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
     * last_man_standing: this node is the lowest member of {@code ring}; after {@code windowMs}
     * it multicasts {@link QuorumMessage.LastManStandingExpired} for the ring (a later ring
     * change arms a new window and makes this one's message stale).
     *
     * @param ring     the ring whose change armed the window
     * @param windowMs last_man_standing_window
     */
    record ArmLastManStanding(RingId ring, long windowMs) implements QuorumEffect {
    }

    /**
     * A runtime change this node asked for has been applied in the total order.
     *
     * @param requestId the number the driver gave the request
     */
    record Applied(long requestId) implements QuorumEffect {
    }
}
