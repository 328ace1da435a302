package io.ringsync.quorum;

import io.ringsync.protocol.PureCore;
import java.util.List;

/**
 * votequorum's arithmetic (votequorum(5); Corosync's {@code recalculate_quorum},
 * {@code calculate_quorum} and {@code are_we_quorate}), as one pure function of a
 * {@link QuorumInput}.
 *
 * <ol>
 *   <li>Total votes are the members' votes plus a device's when it casts them. This node's
 *       expected votes are raised to the total when the total exceeds them.</li>
 *   <li>On {@link Decrease#TO_MEMBERS} expected votes become the total votes of the members
 *       (last_man_standing's recalculation; Corosync counts members, which is the same because
 *       last_man_standing needs 1 vote per node), never below allow_downscale's floor when
 *       allow_downscale is on.</li>
 *   <li>Highest expected is the maximum over the members (and this node).
 *       Quorum = max(⌊(highest expected + 2) / 2⌋, ⌊(total + 2) / 2⌋), at least the previous
 *       quorum unless the decrease is allowed. With two_node and at most 2 voters present
 *       (a device counts as one), quorum is 1.</li>
 *   <li>wait_for_all, while waiting: not quorate until total == this node's expected votes; the
 *       wait ends then, and re-arms whenever the result is not quorate.</li>
 *   <li>Quorate when total ≥ quorum. auto_tie_breaker: a partition holding exactly half the
 *       expected votes (total == expected / 2, integer division) is quorate if it wins the tie
 *       ({@link TieBreaker#wins}), and only if fewer nodes left since the previous ring than
 *       quorum (a partition that grew, as at a cold start, never wins by the tie).</li>
 * </ol>
 */
@PureCore
public final class QuorumCalculator {

    private QuorumCalculator() {
    }

    /** The result of one calculation. */
    public static QuorumResult calculate(QuorumInput in) {
        QuorumOptions options = in.options();
        int total = in.deviceVotes();
        int highest = 0;
        for (NodeVotes member : in.members()) {
            total += member.votes();
            highest = Math.max(highest, member.expected());
        }
        int voters = in.members().size() + (in.deviceVotes() > 0 ? 1 : 0);
        int expected = Math.max(in.localExpected(), total);
        int membersExpected = 0;
        if (in.decrease() == Decrease.TO_MEMBERS) {
            membersExpected = options.allowDownscale() ? Math.max(in.downscaleFloor(), total) : total;
            expected = membersExpected;
            highest = membersExpected;
        } else {
            highest = Math.max(highest, expected);
        }
        int quorum = Math.max((highest + 2) / 2, (total + 2) / 2);
        if (in.decrease() == Decrease.NEVER) {
            quorum = Math.max(quorum, in.previousQuorum());
        }
        if (options.twoNode() && voters <= 2) {
            quorum = 1;
        }
        if (options.waitForAll() && in.waitingForAll() && total != expected) {
            return new QuorumResult(false, quorum, total, highest, expected, membersExpected, true, false);
        }
        boolean byVotes = total >= quorum;
        boolean tieBroken = !byVotes && tieBroken(in, total, expected, quorum);
        boolean quorate = byVotes || tieBroken;
        return new QuorumResult(quorate, quorum, total, highest, expected, membersExpected,
                options.waitForAll() && !quorate, tieBroken);
    }

    private static boolean tieBroken(QuorumInput in, int total, int expected, int quorum) {
        TieBreaker tieBreaker = in.options().tieBreaker();
        if (!tieBreaker.enabled() || total != expected / 2) {
            return false;
        }
        int left = in.previousMembers().size() - in.members().size();
        if (left < 0 || left >= quorum) {
            return false;
        }
        List<Integer> ids = in.members().stream().map(NodeVotes::nodeId).toList();
        return tieBreaker.wins(ids, in.previousMembers(), in.lowestNode(), in.highestNode());
    }
}
