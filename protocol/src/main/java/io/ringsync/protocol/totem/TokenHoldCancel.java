package io.ringsync.protocol.totem;

import java.util.Objects;

/**
 * Corosync's {@code token_hold_cancel} (wire type 5): a member that queues a message while its
 * ring is idle asks the representative, which may be holding the token for {@code hold} ms, to
 * forward it at once (corosync.md section 1, token receipt step 8).
 *
 * @param senderNodeId the member that queued a message
 * @param ringId       the ring whose token should move
 */
public record TokenHoldCancel(int senderNodeId, RingId ringId) implements TotemMessage {

    /** Checks the sender is non-zero and the ring present. */
    public TokenHoldCancel {
        Objects.requireNonNull(ringId, "ringId");
        if (senderNodeId == 0) {
            throw new IllegalArgumentException("node id 0 means nobody");
        }
    }
}
