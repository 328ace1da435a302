package io.ringsync.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One copy of a Totem multicast on the wire (schema template {@code TotemMcast}, since
 * version 2): {@code senderNodeId} puts it on the wire to {@code targetNodeId}, one copy per
 * peer. The sender differs from {@code originNodeId} when the message is a retransmission.
 * {@code totem.TotemFrames} maps it to and from {@code OrderedMessage}. The payload array
 * is handed over, as in {@code OrderedMessage}: nobody changes it once the frame is built.
 *
 * @param senderNodeId  the node sending this copy
 * @param targetNodeId  the node it is addressed to
 * @param ringRepNodeId ring id: representative
 * @param ringSeq       ring id: ring sequence number
 * @param seq           position in the ring's total order, at least 1
 * @param originNodeId  the node that originated the message (for an encapsulated one, the
 *                      node that re-originated it on this ring)
 * @param safe          SAFE delivery if true, AGREED if false
 * @param payload       the application bytes (handed over: never changed afterwards)
 * @param encapsulated  since schema version 4: the old-ring original this message carries
 *                      during RECOVERY, or null for a plain message (always null from a v3 sender)
 */
public record TotemMcastFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq, long seq,
                              int originNodeId, boolean safe, byte[] payload, Encapsulated encapsulated)
        implements WireFrame {

    /**
     * Where an encapsulated message came from (schema fields {@code encapsulatedRingId},
     * {@code encapsulatedSeq}, {@code encapsulatedOriginNodeId}, {@code encapsulatedDelivery}).
     *
     * @param ringRepNodeId old ring id: representative (non-zero)
     * @param ringSeq       old ring id: ring sequence number
     * @param seq           the original's seq on the old ring, at least 1
     * @param originNodeId  the original's originator, a nodelist id
     * @param safe          the original's guarantee: SAFE if true, AGREED if false
     */
    public record Encapsulated(int ringRepNodeId, long ringSeq, long seq, int originNodeId, boolean safe) {
    }

    /** Checks the payload is present; takes the array as it is. */
    public TotemMcastFrame {
        Objects.requireNonNull(payload, "payload");
    }

    /** A plain (not encapsulated) multicast. */
    public TotemMcastFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq, long seq,
                           int originNodeId, boolean safe, byte[] payload) {
        this(senderNodeId, targetNodeId, ringRepNodeId, ringSeq, seq, originNodeId, safe, payload, null);
    }

    /** The payload's length. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotemMcastFrame f && senderNodeId == f.senderNodeId && targetNodeId == f.targetNodeId
                && ringRepNodeId == f.ringRepNodeId && ringSeq == f.ringSeq && seq == f.seq
                && originNodeId == f.originNodeId && safe == f.safe && Arrays.equals(payload, f.payload)
                && Objects.equals(encapsulated, f.encapsulated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(senderNodeId, targetNodeId, ringRepNodeId, ringSeq, seq, originNodeId, safe,
                Arrays.hashCode(payload), encapsulated);
    }

    @Override
    public String toString() {
        return "TotemMcastFrame[" + senderNodeId + "->" + targetNodeId + " ring=" + ringRepNodeId + "." + ringSeq
                + " seq=" + seq + " origin=" + originNodeId + (safe ? " SAFE " : " AGREED ") + payload.length + "B"
                + (encapsulated == null ? "" : " carrying " + encapsulated) + "]";
    }
}
