package io.ringsync.protocol.totem;

/**
 * A snapshot of one node's {@link TotemActor} counters (STYLE.md rule 10).
 *
 * @param nodeId         the node
 * @param ringId         the ring it orders messages on
 * @param started        whether a token has been seen (or, at the rep, originated)
 * @param ordering       the ordering core's counters
 * @param tokenHolds     times the rep held an idle token for the hold time
 * @param tokenSilences  times no token arrived for the effective token timeout (logged only:
 *                       token loss needs membership, not built yet)
 * @param tooLarge       multicasts refused because the payload was above the wire cap
 */
public record TotemStats(int nodeId, RingId ringId, boolean started, OrderingCounters ordering, long tokenHolds,
                         long tokenSilences, long tooLarge) {
}
