package io.ringsync.node.cmap;

import io.ringsync.protocol.totem.OrderingCounters;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.srp.SrpCounters;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Totem's statistics as cmap keys (pure), Corosync 3's {@code stats.srp.*} names where Totem keeps
 * the same counter ({@code orf_token_rx}, {@code mcast_tx}, {@code memb_join_tx},
 * {@code <state>_entered}, {@code <state>_token_lost}, {@code consensus_timeouts},
 * {@code continuous_gather} ...), ringsync's own beside them ({@code rings_formed},
 * {@code rotation_avg_us}, {@code ring_id}, {@code members}). Counters are u64 over every ring
 * this Totem instance was in. They are read from Totem when asked for, so a list or get shows the
 * current values; trackers of them are fed by polling.
 */
public final class StatsKeys {

    /** The prefix of every key this class makes. */
    public static final String PREFIX = "stats.srp.";

    private StatsKeys() {
    }

    /** The keys of {@code stats}. */
    public static Map<String, CmapValue> of(TotemStats stats) {
        SrpCounters srp = stats.srp();
        OrderingCounters total = stats.orderingTotal();
        KeyMap k = KeyMap.under(PREFIX).u64("orf_token_rx", srp.tokensReceived()).u64("orf_token_dropped", srp.tokensDropped())
                .u64("mcast_tx", total.mcastTx()).u64("mcast_retx", total.mcastRetx()).u64("mcast_rx", total.mcastRx())
                .u64("rx_msg_dropped", total.mcastDuplicate() + total.mcastOutOfWindow() + total.mcastForeign())
                .u64("memb_merge_detect_tx", srp.mergeDetectsSent()).u64("memb_merge_detect_rx", srp.mergeDetectsReceived())
                .u64("memb_join_tx", srp.membership().joinsSent()).u64("memb_join_rx", srp.membership().joinsReceived())
                .u64("memb_commit_token_created", srp.membership().commitTokensCreated())
                .u64("token_hold_cancel_tx", srp.holdCancelsSent()).u64("token_hold_cancel_rx", srp.holdCancelsReceived())
                .u64("token_holds", srp.tokenHolds()).u64("consensus_timeouts", srp.membership().consensusTimeouts())
                .u64("continuous_gather", srp.membership().continuousGather()).u64("failed_to_recv", srp.failedToReceive())
                .u64("originate_refused", srp.originateRefused()).u64("delivered", srp.delivered())
                .u64("chunks_dropped", srp.chunksDropped())
                .u64("rings_formed", srp.ringsFormed()).u64("token_warnings", srp.tokenWarnings()).u64("rotation_avg_us", srp.rotationAvgNs() / 1000)
                .u64("rotation_max_us", srp.rotationMaxNs() / 1000).u64("frames_rx", stats.framesReceived())
                .u64("frames_tx", stats.framesSent()).str("state", srp.state().name().toLowerCase(java.util.Locale.ROOT))
                .str("ring_id", srp.ring().ringId().toString())
                .str("members", srp.ring().members().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        for (MembershipState state : MembershipState.values()) {
            String name = state.name().toLowerCase(java.util.Locale.ROOT);
            k.u64(name + "_entered", srp.membership().entered(state))
                    .u64(name + "_token_lost", srp.tokenLosses().getOrDefault(state, 0L));
        }
        return k.keys();
    }
}
