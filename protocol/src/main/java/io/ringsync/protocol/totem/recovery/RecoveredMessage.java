package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingId;
import java.util.Objects;

/**
 * An old-ring message re-originated on the new ring during RECOVERY: Corosync's
 * "encapsulated" {@code mcast} (header flag {@code encapsulated}, corosync.md section 1,
 * "RECOVERY"). The new ring orders the carrying multicast like any other (as AGREED; it is
 * never delivered to the application in the new ring); the receiver unwraps it and stores the
 * {@link #original()} under its old ring and old seq, ignoring duplicates
 * ({@link OldRingState#withRecovered}), because every holder of a seq in the recovery range
 * re-sends it ({@link RecoveryPlan}).
 *
 * <p>The original message keeps everything the old ring gave it: old ring id, old seq, the
 * original sender (not the node that re-originates it) and the delivery guarantee, so EVS
 * delivery ({@link EvsDelivery}) can treat it exactly as if it had arrived on the old ring.
 *
 * @param original the old-ring message, unchanged
 */
public record RecoveredMessage(OrderedMessage original) {

    /** Checks the message is present. */
    public RecoveredMessage {
        Objects.requireNonNull(original, "original");
    }

    /** The ring the message was ordered in. */
    public RingId oldRingId() {
        return original.ringId();
    }

    /** Its seq in that ring: with {@link #oldRingId()}, the de-duplication key. */
    public long oldSeq() {
        return original.seq();
    }

    /** The node that originated it on the old ring. */
    public int originalSenderNodeId() {
        return original.senderNodeId();
    }

    /** Its delivery guarantee on the old ring. */
    public Delivery delivery() {
        return original.delivery();
    }

    /** Its payload (shared with the original: never changed). */
    public byte[] payload() {
        return original.payload();
    }
}
