package io.ringsync.protocol.totem.membership;

import java.util.Map;

/**
 * A snapshot of one {@link MembershipCore}'s counters (STYLE.md rules 4 and 10).
 *
 * @param entered             times each state was entered (re-entering GATHER counts)
 * @param reasons             transitions per reason
 * @param joinsSent           joins multicast
 * @param joinsReceived       joins handed to the core
 * @param joinsIgnored        joins ignored: stale, listing me as failed, subsets, or from a failed sender
 * @param commitTokensCreated commit tokens created as the lowest node of a consensus
 * @param consensusTimeouts   consensus timer expiries without agreement
 * @param continuousGather    consensus timeouts beyond the third in a row ("totem is continuously
 *                            in gather state")
 */
public record MembershipCounters(Map<MembershipState, Long> entered, Map<TransitionReason, Long> reasons,
                                 long joinsSent, long joinsReceived, long joinsIgnored, long commitTokensCreated,
                                 long consensusTimeouts, long continuousGather) {

    /** Copies the maps. */
    public MembershipCounters {
        entered = Map.copyOf(entered);
        reasons = Map.copyOf(reasons);
    }

    /** Times {@code state} was entered. */
    public long entered(MembershipState state) {
        return entered.getOrDefault(state, 0L);
    }

    /** Transitions for {@code reason}. */
    public long reason(TransitionReason reason) {
        return reasons.getOrDefault(reason, 0L);
    }
}
