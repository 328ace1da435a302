package io.ringsync.protocol.wire;

/**
 * A decoded or to-be-encoded ringsync frame: an immutable record, safe to pass between
 * actors. Every frame names its sender (the frame header's {@code senderNodeId}); the cluster
 * hash is added by the {@link FrameEncoder} and checked by the {@link FrameDecoder}.
 * New message types (Totem, services) join this sealed hierarchy.
 */
public sealed interface WireFrame permits LinkPing, LinkPong, TotemTokenFrame, TotemMcastFrame, TotemJoinFrame,
        TotemCommitTokenFrame, TotemMergeDetectFrame, TotemTokenHoldCancelFrame {

    /** The node that sent (or sends) this frame. */
    int senderNodeId();
}
