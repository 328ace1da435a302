package io.ringsync.protocol.totem;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Totem {@code mcast}: a payload stamped by its originator with the next seq of a ring.
 * Seqs are 64-bit and start at 1 in each ring; a ring never wraps them (at 50 messages per
 * rotation that would take millennia), which avoids Corosync's u32 wraparound comparisons.
 *
 * <p>The payload is copied on the way in and on the way out, so an instance is immutable and
 * may be shared between cores (the simulator does) and with the retransmit buffer.
 *
 * @param ringId       the ring the seq belongs to
 * @param seq          position in the ring's total order, at least 1
 * @param senderNodeId the originating node
 * @param delivery     AGREED or SAFE
 * @param payload      the application bytes (copied)
 */
public record OrderedMessage(RingId ringId, long seq, int senderNodeId, Delivery delivery, byte[] payload) {

    /** Copies the payload and checks seq at least 1 and non-null parts. */
    public OrderedMessage {
        Objects.requireNonNull(ringId, "ringId");
        Objects.requireNonNull(delivery, "delivery");
        if (seq < 1 || senderNodeId == 0) {
            throw new IllegalArgumentException("bad seq " + seq + " or sender " + senderNodeId);
        }
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length, without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderedMessage m && ringId.equals(m.ringId) && seq == m.seq
                && senderNodeId == m.senderNodeId && delivery == m.delivery && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ringId, seq, senderNodeId, delivery, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "OrderedMessage[" + ringId + " seq=" + seq + " from=" + senderNodeId + " " + delivery
                + " " + payload.length + "B]";
    }
}
