package io.ringsync.protocol.transport;

import io.ringsync.protocol.wire.WireFrame;

/**
 * Sends frames straight from the caller's thread (thread-safe), for the one actor whose sends
 * are on the critical path: Totem hands each token and multicast to the transport this way
 * instead of through the {@link TransportActor}'s mailbox, one thread hop less per token hop.
 * Obtained with {@link TransportActor.GetSender}; once it answers {@link SendResult#CLOSED} the
 * transport it belonged to is gone (the transport actor stopped or restarted).
 */
public interface FrameSender {

    /** Encodes, seals when crypto is on, and offers {@code frame} to {@code nodeId}'s link {@code linkNumber}. */
    SendResult send(int nodeId, int linkNumber, WireFrame frame);
}
