package io.ringsync.protocol.totem;

/**
 * A ring's identity, Corosync's {@code memb_ring_id}: the representative's node id and the
 * ring sequence number chosen by the membership protocol. Every token and multicast carries
 * it; one from another ring is foreign and never mixed into this ring's order.
 *
 * @param repNodeId the ring's representative (the lowest node id at formation), non-zero
 * @param ringSeq   the ring sequence number, increasing from ring to ring, not negative
 */
public record RingId(int repNodeId, long ringSeq) {

    /** Checks the node id is non-zero (0 means "nobody" in Totem) and the seq not negative. */
    public RingId {
        if (repNodeId == 0 || ringSeq < 0) {
            throw new IllegalArgumentException("bad ring id " + repNodeId + "." + ringSeq);
        }
    }

    /** Corosync's notation: rep and seq in hex, e.g. {@code 1.1c}. */
    @Override
    public String toString() {
        return Integer.toHexString(repNodeId) + "." + Long.toHexString(ringSeq);
    }
}
