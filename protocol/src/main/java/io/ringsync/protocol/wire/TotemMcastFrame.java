package io.ringsync.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One copy of a Totem multicast on the wire (schema template {@code TotemMcast}, since
 * version 2): {@code senderNodeId} puts it on the wire to {@code targetNodeId}, one copy per
 * peer. The sender differs from {@code originNodeId} when the message is a retransmission.
 * {@code totem.TotemFrames} maps it to and from {@code OrderedMessage}. The payload is copied
 * in and out, so the record is immutable and safe to pass between actors.
 *
 * @param senderNodeId  the node sending this copy
 * @param targetNodeId  the node it is addressed to
 * @param ringRepNodeId ring id: representative
 * @param ringSeq       ring id: ring sequence number
 * @param seq           position in the ring's total order, at least 1
 * @param originNodeId  the node that originated the message
 * @param safe          SAFE delivery if true, AGREED if false
 * @param payload       the application bytes (copied)
 */
public record TotemMcastFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq, long seq,
                              int originNodeId, boolean safe, byte[] payload) implements WireFrame {

    /** Copies the payload. */
    public TotemMcastFrame {
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

    /** The payload itself, for the encoder only (it does not keep or change it). */
    byte[] payloadNoCopy() {
        return payload;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotemMcastFrame f && senderNodeId == f.senderNodeId && targetNodeId == f.targetNodeId
                && ringRepNodeId == f.ringRepNodeId && ringSeq == f.ringSeq && seq == f.seq
                && originNodeId == f.originNodeId && safe == f.safe && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(senderNodeId, targetNodeId, ringRepNodeId, ringSeq, seq, originNodeId, safe,
                Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "TotemMcastFrame[" + senderNodeId + "->" + targetNodeId + " ring=" + ringRepNodeId + "." + ringSeq
                + " seq=" + seq + " origin=" + originNodeId + (safe ? " SAFE " : " AGREED ") + payload.length + "B]";
    }
}
