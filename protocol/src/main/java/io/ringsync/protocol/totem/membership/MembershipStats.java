package io.ringsync.protocol.totem.membership;

import java.util.EnumMap;
import java.util.Map;

/** The mutable counters behind {@link MembershipCounters}, owned by one {@link MembershipCore}. */
final class MembershipStats {

    private final Map<MembershipState, Long> entered = new EnumMap<>(MembershipState.class);
    private final Map<TransitionReason, Long> reasons = new EnumMap<>(TransitionReason.class);
    long joinsSent;
    long joinsReceived;
    long joinsIgnored;
    long commitTokensCreated;
    long consensusTimeouts;
    long continuousGather;
    private int consecutiveConsensusTimeouts;

    /** A transition into {@code to} for {@code reason}; entering OPERATIONAL ends a run of consensus timeouts. */
    void record(MembershipState to, TransitionReason reason) {
        entered.merge(to, 1L, Long::sum);
        reasons.merge(reason, 1L, Long::sum);
        if (to == MembershipState.OPERATIONAL) {
            consecutiveConsensusTimeouts = 0;
        }
    }

    /** A consensus timeout without agreement; beyond the third in a row: "continuously in gather". */
    void consensusTimeout() {
        consensusTimeouts++;
        if (++consecutiveConsensusTimeouts > 3) {
            continuousGather++;
        }
    }

    MembershipCounters snapshot() {
        return new MembershipCounters(entered, reasons, joinsSent, joinsReceived, joinsIgnored,
                commitTokensCreated, consensusTimeouts, continuousGather);
    }
}
