package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.srp.SrpCounters;

/**
 * A snapshot of one node's Totem counters (STYLE.md rule 10): the core's own and those of its
 * driver, {@link TotemActor}.
 *
 * @param nodeId             the node
 * @param srp                the core's counters: state, installed ring, tokens, token losses by
 *                           state, rings formed, rotation times, membership and the installed
 *                           ring's ordering counters
 * @param orderingTotal      ordering counters (mcast tx/rx/retx, delivered ...) summed over every
 *                           ring this actor instance was in; {@code srp.ordering()} is the
 *                           installed ring's alone
 * @param framesReceived     Totem frames handed to the core
 * @param framesSent         frames handed to the transport (one per destination)
 * @param timeouts           timer expiries handed to the core
 * @param multicastsAccepted {@code Multicast}s queued
 * @param multicastsRefused  {@code Multicast}s answered TRY_AGAIN (queue full, or after leave)
 * @param multicastsTooLarge {@code Multicast}s answered TOO_LARGE
 * @param ringSeqWrites      ring seqs persisted
 * @param subscribers        current subscribers
 * @param eventsPublished    events (deliveries and configuration changes) published
 */
public record TotemStats(int nodeId, SrpCounters srp, OrderingCounters orderingTotal, long framesReceived,
                         long framesSent, long timeouts, long multicastsAccepted, long multicastsRefused,
                         long multicastsTooLarge, long ringSeqWrites, int subscribers, long eventsPublished) {
}
