package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.membership.MembershipState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Totem part of a node's status report ({@code cfg status}), flat and JSON-friendly: the
 * installed ring, the membership state and the main counters of {@link TotemStats}.
 *
 * @param ringId            installed ring, Corosync's notation ({@code 1.1c})
 * @param state             membership state ({@code OPERATIONAL}, {@code GATHER}, ...)
 * @param members           the installed ring's members, ascending
 * @param tokensReceived    regular tokens accepted
 * @param mcastTx           messages originated, over every ring
 * @param mcastRx           messages received from others, over every ring
 * @param mcastRetx         messages retransmitted, over every ring
 * @param tokenLosses       token-loss timeouts by the state they happened in (every state listed)
 * @param ringsFormed       regular configurations delivered
 * @param consensusTimeouts consensus timeouts without agreement
 * @param rotationAvgUs     average token rotation measured at the representative, microseconds
 * @param rotationMaxUs     longest rotation (token holds included), microseconds
 * @param delivered         messages delivered to subscribers
 */
public record TotemStatus(String ringId, String state, List<Integer> members, long tokensReceived, long mcastTx,
                          long mcastRx, long mcastRetx, Map<String, Long> tokenLosses, long ringsFormed,
                          long consensusTimeouts, long rotationAvgUs, long rotationMaxUs, long delivered) {

    /** Copies the collections, keeping the losses' order. */
    public TotemStatus {
        members = List.copyOf(members);
        tokenLosses = Collections.unmodifiableMap(new LinkedHashMap<>(tokenLosses));
    }

    /** The status of {@code stats}. */
    public static TotemStatus of(TotemStats stats) {
        Map<String, Long> losses = new LinkedHashMap<>();
        for (MembershipState state : MembershipState.values()) {
            losses.put(state.name(), stats.srp().tokenLosses().getOrDefault(state, 0L));
        }
        return new TotemStatus(stats.srp().ring().ringId().toString(), stats.srp().state().name(),
                stats.srp().ring().members(), stats.srp().tokensReceived(), stats.orderingTotal().mcastTx(),
                stats.orderingTotal().mcastRx(), stats.orderingTotal().mcastRetx(), losses, stats.srp().ringsFormed(),
                stats.srp().membership().consensusTimeouts(), stats.srp().rotationAvgNs() / 1000,
                stats.srp().rotationMaxNs() / 1000, stats.srp().delivered());
    }
}
