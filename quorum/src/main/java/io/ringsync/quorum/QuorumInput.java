package io.ringsync.quorum;

import java.util.List;

/**
 * Everything one quorum calculation looks at (votequorum's recalculation), as plain values.
 *
 * @param members         the current members with their votes and expected votes (this node among them)
 * @param deviceVotes     votes a quorum device casts for this partition now (0: none, or not casting)
 * @param localExpected   this node's expected votes before the calculation
 * @param previousQuorum  quorum before the calculation (0 before the first)
 * @param decrease        whether, and how, quorum may go down
 * @param downscaleFloor  allow_downscale's floor: expected votes never go below it on that path
 * @param waitingForAll   wait_for_all is still waiting for every expected vote
 * @param previousMembers members of the previous ring (auto_tie_breaker)
 * @param lowestNode      lowest node id of the last quorate membership (0 when never quorate)
 * @param highestNode     highest node id of the last quorate membership (0 when never quorate)
 * @param options         the flags
 */
public record QuorumInput(List<NodeVotes> members, int deviceVotes, int localExpected, int previousQuorum,
                          Decrease decrease, int downscaleFloor, boolean waitingForAll, List<Integer> previousMembers,
                          int lowestNode, int highestNode, QuorumOptions options) {

    /** Copies the lists. */
    public QuorumInput {
        members = List.copyOf(members);
        previousMembers = List.copyOf(previousMembers);
    }

    /** A first calculation over {@code members} holding {@code expected}, no flags, nothing before. */
    public static QuorumInput of(List<NodeVotes> members, int expected) {
        return new QuorumInput(members, 0, expected, 0, Decrease.NEVER, 0, false, List.of(), 0, 0, QuorumOptions.NONE);
    }

    /** This input with other options. */
    public QuorumInput with(QuorumOptions other) {
        return new QuorumInput(members, deviceVotes, localExpected, previousQuorum, decrease, downscaleFloor,
                waitingForAll, previousMembers, lowestNode, highestNode, other);
    }

    /** This input with the previous quorum and how it may decrease. */
    public QuorumInput after(int quorum, Decrease how) {
        return new QuorumInput(members, deviceVotes, localExpected, quorum, how, downscaleFloor, waitingForAll,
                previousMembers, lowestNode, highestNode, options);
    }

    /** This input with the previous ring's members and the last quorate membership's lowest and highest ids. */
    public QuorumInput previously(List<Integer> previous, int lowest, int highest) {
        return new QuorumInput(members, deviceVotes, localExpected, previousQuorum, decrease, downscaleFloor,
                waitingForAll, previous, lowest, highest, options);
    }

    /** This input with wait_for_all still waiting (or not). */
    public QuorumInput waiting(boolean waiting) {
        return new QuorumInput(members, deviceVotes, localExpected, previousQuorum, decrease, downscaleFloor,
                waiting, previousMembers, lowestNode, highestNode, options);
    }

    /** This input with allow_downscale's floor. */
    public QuorumInput floor(int floor) {
        return new QuorumInput(members, deviceVotes, localExpected, previousQuorum, decrease, floor, waitingForAll,
                previousMembers, lowestNode, highestNode, options);
    }

    /** This input with a quorum device casting {@code votes}. */
    public QuorumInput device(int votes) {
        return new QuorumInput(members, votes, localExpected, previousQuorum, decrease, downscaleFloor, waitingForAll,
                previousMembers, lowestNode, highestNode, options);
    }
}
