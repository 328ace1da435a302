package io.ringsync.protocol.totem;

/**
 * A snapshot of one {@link OrderingCore}'s counters (STYLE.md rule 10), named after Corosync's
 * {@code stats.srp.*} where one exists.
 *
 * @param tokensReceived     tokens processed ({@code orf_token_rx})
 * @param tokensDuplicate    tokens dropped as retransmissions (tokenSeq not above the last seen)
 * @param tokensForeign      tokens dropped as from another ring
 * @param mcastTx            new messages multicast ({@code mcast_tx})
 * @param mcastRetx          messages retransmitted ({@code mcast_retx})
 * @param mcastRx            messages received and stored ({@code mcast_rx})
 * @param mcastDuplicate     received messages ignored as duplicates
 * @param mcastOutOfWindow   received messages refused as beyond the receive window
 * @param mcastForeign       received messages dropped as from another ring
 * @param originateRefused   enqueues refused because the originate queue was full (TRY_AGAIN)
 * @param delivered          messages delivered to the application
 * @param failedToReceive    FAILED TO RECEIVE detections
 */
public record OrderingCounters(long tokensReceived, long tokensDuplicate, long tokensForeign, long mcastTx,
                               long mcastRetx, long mcastRx, long mcastDuplicate, long mcastOutOfWindow,
                               long mcastForeign, long originateRefused, long delivered, long failedToReceive) {
}
