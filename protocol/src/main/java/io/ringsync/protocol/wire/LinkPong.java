package io.ringsync.protocol.wire;

/**
 * Answer to a {@link LinkPing}: {@code senderNodeId} is the ponging node, {@code targetNodeId}
 * the pinger; {@code seq} and {@code echoedSendTimeNs} are copied from the ping.
 */
public record LinkPong(int senderNodeId, int targetNodeId, int linkNumber, long seq, long echoedSendTimeNs)
        implements WireFrame {
}
