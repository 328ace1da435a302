package io.ringsync.protocol.wire;

/**
 * A Totem token hold cancel on the wire (schema template {@code TotemTokenHoldCancel}, since
 * version 4): {@code senderNodeId} queued a message while its ring was idle and asks the
 * representative to forward the token it may be holding, one copy per other member.
 * {@code totem.TotemFrames} maps it to and from {@code TokenHoldCancel}; the
 * {@link FrameDecoder} only emits ones with a non-zero representative and a ring seq not
 * negative.
 *
 * @param senderNodeId  the member that queued a message
 * @param targetNodeId  the node this copy is addressed to
 * @param ringRepNodeId ring id: representative
 * @param ringSeq       ring id: ring sequence number
 */
public record TotemTokenHoldCancelFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq)
        implements WireFrame {
}
