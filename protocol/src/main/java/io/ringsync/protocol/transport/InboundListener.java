package io.ringsync.protocol.transport;

import io.ringsync.protocol.wire.WireFrame;

/**
 * Receives every frame that passed decoding, on the transport's poller thread: implementations
 * must only hand the (immutable) frame on, e.g. {@code ActorRef.tell}, and never block.
 */
@FunctionalInterface
public interface InboundListener {

    /** A frame arrived on this node's link {@code linkNumber} at {@code receivedNanos} (System.nanoTime). */
    void onFrame(int linkNumber, WireFrame frame, long receivedNanos);
}
