package io.ringsync.protocol.wire;

/**
 * Link probe: {@code senderNodeId} pings {@code targetNodeId} on link {@code linkNumber}.
 * {@code seq} increases by one per ping on that link; {@code sendTimeNs} is the sender's
 * monotonic clock, echoed back in the {@link LinkPong}.
 */
public record LinkPing(int senderNodeId, int targetNodeId, int linkNumber, long seq, long sendTimeNs)
        implements WireFrame {
}
