package io.ringsync.protocol.totem;

import java.util.List;
import java.util.Objects;

/**
 * Totem's regular token, Corosync's {@code orf_token}: unicast from each member to its
 * successor, it grants the right to multicast and carries the ring's flow-control and
 * acknowledgement state. Immutable; {@link OrderingCore} returns a new one to forward.
 *
 * <p>Deviation: {@code rtrList} holds bare seqs of this token's ring; Corosync tags each entry
 * with a ring id, which only matters in recovery (not implemented yet).
 *
 * @param ringId         the ring this token circulates on; a member drops a foreign one
 * @param seq            the highest seq assigned so far in the ring (0 before the first message)
 * @param tokenSeq       hop counter, +1 per forward; a copy with tokenSeq not above the last one
 *                       a node saw is a retransmission and is dropped
 * @param aru            "all received up to": a lower bound on every member's own aru, lowered
 *                       by any member that holds less and raised only by the member that lowered it
 * @param aruNodeId      the member holding {@code aru} down, 0 for nobody (then aru == seq)
 * @param backlog        messages waiting to be originated, summed over the ring (each member
 *                       replaces its own contribution)
 * @param fcc            flow-control count: messages (new and retransmitted) sent during the
 *                       last rotation, summed over the ring
 * @param retransmitFlag set during recovery while old-ring messages remain to re-send; carried
 *                       unchanged in OPERATIONAL
 * @param rtrList        seqs some member asked to be retransmitted, at most {@value #MAX_RTR_ENTRIES}
 */
public record RegularToken(RingId ringId, long seq, long tokenSeq, long aru, int aruNodeId, long backlog,
                           long fcc, boolean retransmitFlag, List<Long> rtrList) implements TotemMessage {

    /** Corosync's {@code RETRANSMIT_ENTRIES_MAX}: the rtr list holds at most this many seqs. */
    public static final int MAX_RTR_ENTRIES = 30;

    /** Checks the fields' ranges ({@code 0 <= aru <= seq}, counts not negative) and copies the list. */
    public RegularToken {
        Objects.requireNonNull(ringId, "ringId");
        rtrList = List.copyOf(rtrList);
        if (seq < 0 || aru < 0 || aru > seq || tokenSeq < 0 || backlog < 0 || fcc < 0) {
            throw new IllegalArgumentException("bad token: seq=" + seq + " aru=" + aru + " tokenSeq=" + tokenSeq
                    + " backlog=" + backlog + " fcc=" + fcc);
        }
        if (rtrList.size() > MAX_RTR_ENTRIES) {
            throw new IllegalArgumentException("rtr list of " + rtrList.size() + " > " + MAX_RTR_ENTRIES);
        }
    }

    /** This token with {@code flag} as its retransmit flag (recovery sets and clears it). */
    public RegularToken withRetransmitFlag(boolean flag) {
        return new RegularToken(ringId, seq, tokenSeq, aru, aruNodeId, backlog, fcc, flag, rtrList);
    }

    /** The first token of a ring, as the representative sends it: everything 0, nobody holding aru. */
    public static RegularToken initial(RingId ringId) {
        return new RegularToken(ringId, 0, 0, 0, 0, 0, 0, false, List.of());
    }
}
