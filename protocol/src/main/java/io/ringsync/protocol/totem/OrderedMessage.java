package io.ringsync.protocol.totem;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Totem {@code mcast}: a payload stamped by its originator with the next seq of a ring.
 * Seqs are 64-bit and start at 1 in each ring; a ring never wraps them (at 50 messages per
 * rotation that would take millennia), which avoids Corosync's u32 wraparound comparisons.
 *
 * <p>The payload array is handed over, not copied: whoever builds a message gives the array up
 * and nobody changes it afterwards, so an instance may be shared between cores (the simulator
 * does), with the retransmit buffer and with the encoder of each destination's frame. Copies
 * are made only where bytes cross into or out of Totem: the packing queue copies an
 * application's message in, {@code TotemEvent.Delivered} copies it out. (Copying here as well
 * cost six copies of every 8 KiB frame on its way from queue to wire, and as many on the way
 * in: most of a node's allocation at 1 KiB messages.)
 *
 * @param ringId       the ring the seq belongs to
 * @param seq          position in the ring's total order, at least 1
 * @param senderNodeId the originating node
 * @param delivery     AGREED or SAFE
 * <p>A message may be <b>encapsulated</b> (Corosync's {@code encapsulated} mcast flag): an
 * old-ring message re-originated on a new ring during RECOVERY. It is ordered on the new ring
 * like any other (as AGREED) but never delivered there; {@link #unwrap()} gives the original.
 *
 * @param ringId       the ring the seq belongs to
 * @param seq          position in the ring's total order, at least 1
 * @param senderNodeId the originating node (for an encapsulated message, the re-originator)
 * @param delivery     AGREED or SAFE
 * @param payload      the bytes (handed over: never changed afterwards)
 * @param origin       for an encapsulated message, the original's ring, seq, sender and
 *                     guarantee; null otherwise
 */
public record OrderedMessage(RingId ringId, long seq, int senderNodeId, Delivery delivery, byte[] payload,
                             Encapsulation origin) implements TotemMessage {

    /** Checks seq at least 1 and non-null parts; takes the payload array as it is. */
    public OrderedMessage {
        Objects.requireNonNull(ringId, "ringId");
        Objects.requireNonNull(delivery, "delivery");
        if (seq < 1 || senderNodeId == 0) {
            throw new IllegalArgumentException("bad seq " + seq + " or sender " + senderNodeId);
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** A plain (not encapsulated) message. */
    public OrderedMessage(RingId ringId, long seq, int senderNodeId, Delivery delivery, byte[] payload) {
        this(ringId, seq, senderNodeId, delivery, payload, null);
    }

    /** Whether this is an old-ring message carried on a new ring during recovery. */
    public boolean isEncapsulated() {
        return origin != null;
    }

    /** The old-ring original of an encapsulated message. */
    public OrderedMessage unwrap() {
        if (origin == null) {
            throw new IllegalStateException(this + " is not encapsulated");
        }
        return new OrderedMessage(origin.ringId(), origin.seq(), origin.senderNodeId(), origin.delivery(), payload);
    }

    /** The payload's length. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderedMessage m && ringId.equals(m.ringId) && seq == m.seq
                && senderNodeId == m.senderNodeId && delivery == m.delivery && Arrays.equals(payload, m.payload)
                && Objects.equals(origin, m.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ringId, seq, senderNodeId, delivery, Arrays.hashCode(payload), origin);
    }

    @Override
    public String toString() {
        return "OrderedMessage[" + ringId + " seq=" + seq + " from=" + senderNodeId + " " + delivery
                + " " + payload.length + "B" + (origin == null ? "" : " carrying " + origin) + "]";
    }
}
