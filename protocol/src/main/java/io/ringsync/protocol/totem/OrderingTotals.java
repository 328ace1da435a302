package io.ringsync.protocol.totem;

/**
 * Ordering counters summed over every ring this node was in. {@code SrpCore} reports the
 * counters of its installed ring only, which start again at 0 with each ring; the driver
 * observes them before every input outside OPERATIONAL (the installed ring is then about to be
 * replaced, and nothing is ordered on it any more once COMMIT is entered), so the last
 * observation of a ring holds its final counts. Observing a new ring id banks the previous
 * ring's last observation.
 */
final class OrderingTotals {

    private static final OrderingCounters ZERO = new OrderingCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private OrderingCounters finishedRings = ZERO;
    private RingId ring;
    private OrderingCounters last = ZERO;

    /** The installed ring {@code ringId} has {@code counters} now. */
    void observe(RingId ringId, OrderingCounters counters) {
        if (!ringId.equals(ring)) {
            finishedRings = sum(finishedRings, last);
            ring = ringId;
        }
        last = counters;
    }

    /** The totals over every ring, the installed ring {@code ringId} counting with {@code counters}. */
    OrderingCounters total(RingId ringId, OrderingCounters counters) {
        observe(ringId, counters);
        return sum(finishedRings, last);
    }

    private static OrderingCounters sum(OrderingCounters a, OrderingCounters b) {
        return new OrderingCounters(a.tokensReceived() + b.tokensReceived(), a.tokensDuplicate() + b.tokensDuplicate(),
                a.tokensForeign() + b.tokensForeign(), a.mcastTx() + b.mcastTx(), a.mcastRetx() + b.mcastRetx(),
                a.mcastRx() + b.mcastRx(), a.mcastDuplicate() + b.mcastDuplicate(),
                a.mcastOutOfWindow() + b.mcastOutOfWindow(), a.mcastForeign() + b.mcastForeign(),
                a.originateRefused() + b.originateRefused(), a.delivered() + b.delivered(),
                a.failedToReceive() + b.failedToReceive());
    }
}
