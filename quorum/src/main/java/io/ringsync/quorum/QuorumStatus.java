package io.ringsync.quorum;

import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One node's quorum state, as {@code corosync-quorumtool -s} shows it: computed at the end of
 * each sync round and after each ordered runtime change, so every member shows the same values
 * for the same ring and changes (expected votes aside, which each node holds for itself).
 *
 * @param localNodeId     this node
 * @param ringId          the ring whose sync round last ended; empty before the first
 * @param quorate         the cluster is quorate (activity allowed)
 * @param expectedVotes   this node's expected votes
 * @param highestExpected the highest expected votes among the members
 * @param totalVotes      the members' votes, plus a device's while it casts them
 * @param quorum          votes needed for quorum
 * @param flags           configured features and Quorate
 * @param members         the ring's members with their votes, sorted by id
 * @param deviceVotes     votes a quorum device casts for this partition (0: none, or not casting)
 * @param waitingForAll   wait_for_all still waits for every expected vote
 */
public record QuorumStatus(int localNodeId, Optional<RingId> ringId, boolean quorate, int expectedVotes,
                           int highestExpected, int totalVotes, int quorum, Set<QuorumFlag> flags,
                           List<Member> members, int deviceVotes, boolean waitingForAll) {

    /** Copies the collections. */
    public QuorumStatus {
        flags = Set.copyOf(flags);
        members = List.copyOf(members);
    }

    /**
     * A member's votes.
     *
     * @param nodeId   its id
     * @param votes    its votes
     * @param expected the expected votes it holds
     */
    public record Member(int nodeId, int votes, int expected) {
    }

    /** The votes of member {@code nodeId}, or empty when it is not a member. */
    public Optional<Member> member(int nodeId) {
        return members.stream().filter(m -> m.nodeId() == nodeId).findFirst();
    }
}
