package io.ringsync.protocol.wire;

/**
 * A Totem merge detect on the wire (schema template {@code TotemMergeDetect}, since version
 * 3): the representative {@code senderNodeId} of an idle ring announces it, one copy per peer.
 * {@code totem.MembershipFrames} maps it to and from {@code MergeDetect}; the
 * {@link FrameDecoder} only emits ones with a non-zero representative and a ring seq not
 * negative.
 *
 * @param senderNodeId  the representative that sent it
 * @param targetNodeId  the node this copy is addressed to
 * @param ringRepNodeId ring id: representative
 * @param ringSeq       ring id: ring sequence number
 */
public record TotemMergeDetectFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq)
        implements WireFrame {
}
