package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.OrderingCounters;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.membership.MembershipCounters;
import io.ringsync.protocol.totem.membership.MembershipState;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one node's Totem counters (STYLE.md rule 10), Corosync's {@code stats.srp.*}.
 *
 * @param state               membership state now
 * @param ring                the installed ring (id and members)
 * @param tokensReceived      regular tokens accepted
 * @param tokensDropped       regular tokens of another ring or state, dropped
 * @param tokenHolds          times the representative held an idle token
 * @param holdCancelsSent     token_hold_cancel messages sent
 * @param holdCancelsReceived token_hold_cancel messages received
 * @param mergeDetectsSent    merge detects sent
 * @param mergeDetectsReceived merge detects received
 * @param foreignMessages     multicasts of a foreign ring that led membership to act
 * @param staleIgnored        multicasts of an older ring from a current member, ignored
 * @param failedToReceive     FAILED TO RECEIVE events
 * @param originateRefused    messages refused because a queue was full
 * @param delivered           messages delivered to the application
 * @param chunksDropped       delivered chunks the unpacker dropped as malformed or orphaned,
 *                            with the messages they held ({@code Unpacker}); an orphaned
 *                            fragment after a configuration change is expected, any other
 *                            drop means a sender or the wire misbehaved
 * @param ringsFormed         regular configurations delivered
 * @param tokenWarnings       token_warning timeouts while OPERATIONAL (the token late, the ring still intact)
 * @param tokenLosses         token-loss timeouts by the state they happened in
 * @param rotationAvgNs       average token rotation time, measured at the representative
 * @param rotationMaxNs       longest rotation, including token holds
 * @param membership          membership counters (states entered, reasons, joins, consensus timeouts)
 * @param ordering            the installed ring's ordering counters (mcast tx/rx/retx, tokens)
 */
public record SrpCounters(MembershipState state, RingConfiguration ring, long tokensReceived, long tokensDropped,
                          long tokenHolds, long holdCancelsSent, long holdCancelsReceived, long mergeDetectsSent,
                          long mergeDetectsReceived, long foreignMessages, long staleIgnored, long failedToReceive,
                          long originateRefused, long delivered, long chunksDropped, long ringsFormed, long tokenWarnings,
                          Map<MembershipState, Long> tokenLosses, long rotationAvgNs, long rotationMaxNs,
                          MembershipCounters membership, OrderingCounters ordering) {

    /** Copies the map. */
    public SrpCounters {
        EnumMap<MembershipState, Long> losses = new EnumMap<>(MembershipState.class);
        losses.putAll(tokenLosses);
        tokenLosses = Map.copyOf(losses);
    }
}
