package io.ringsync.protocol.crypto;

/**
 * What {@link FrameOpener#open} made of a byte sequence: the {@link Opened} plaintext of an
 * authentic, fresh frame, or the {@link Rejection} it was dropped for.
 */
public sealed interface OpenResult permits OpenResult.Opened, Rejection {

    /**
     * An authentic frame seen for the first time.
     *
     * @param senderNodeId the sender node id of the crypto header (authenticated; the wire
     *     frame inside should name the same sender)
     * @param keyId the {@link AuthKey#keyId()} it was sealed with, to follow a key rollover
     * @param plaintext the frame as the sender passed it to {@link FrameSealer#seal}
     */
    record Opened(int senderNodeId, int keyId, byte[] plaintext) implements OpenResult {
    }
}
