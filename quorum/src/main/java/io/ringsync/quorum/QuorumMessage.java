package io.ringsync.quorum;

import io.ringsync.protocol.totem.RingId;

/**
 * The messages votequorum nodes multicast (Corosync's NODEINFO and RECONFIGURE exec messages),
 * as values; {@link QuorumCodec} turns them into bytes and back. A {@link NodeInfo} travels in
 * the sync round after each ring change and again when a node's own state changes (a device vote,
 * a clean leave); the others are ordered runtime changes, applied by every member where the total
 * order delivers them.
 */
public sealed interface QuorumMessage permits QuorumMessage.NodeInfo, QuorumMessage.SetExpected,
        QuorumMessage.SetVotes, QuorumMessage.CancelWaitForAll, QuorumMessage.LastManStandingExpired {

    /**
     * A node's state: its votes, its expected votes and its flags.
     *
     * @param nodeId        the node described (the sender)
     * @param votes         its votes
     * @param expected      its expected votes
     * @param quorate       it is quorate
     * @param waitingForAll its wait_for_all still waits
     * @param leaving       it is leaving cleanly (allow_downscale)
     * @param first         it has never been in a ring with another node
     * @param deviceVotes   votes its quorum device casts for its partition (0: none or not casting)
     */
    record NodeInfo(int nodeId, int votes, int expected, boolean quorate, boolean waitingForAll, boolean leaving,
                    boolean first, int deviceVotes) implements QuorumMessage {
    }

    /**
     * Sets every member's expected votes ({@code corosync-quorumtool -e}).
     *
     * @param origin    the node that asked
     * @param requestId the asking node's request number, to answer the asker once applied
     * @param expected  the new expected votes
     */
    record SetExpected(int origin, long requestId, int expected) implements QuorumMessage {
    }

    /**
     * Sets a node's votes ({@code corosync-quorumtool -v V -n id}).
     *
     * @param origin    the node that asked
     * @param requestId the asking node's request number
     * @param nodeId    the node whose votes change
     * @param votes     its new votes
     */
    record SetVotes(int origin, long requestId, int nodeId, int votes) implements QuorumMessage {
    }

    /**
     * Ends wait_for_all's wait on every member ({@code quorum.cancel_wait_for_all}).
     *
     * @param origin    the node that asked
     * @param requestId the asking node's request number
     */
    record CancelWaitForAll(int origin, long requestId) implements QuorumMessage {
    }

    /**
     * last_man_standing_window elapsed in ring {@code ring}: multicast by the ring's lowest member
     * after the window, so that every member recalculates at the same point of the order.
     *
     * @param ring the ring whose change armed the window
     */
    record LastManStandingExpired(RingId ring) implements QuorumMessage {
    }
}
