package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.TotemMessage;
import io.ringsync.protocol.totem.RingId;
import java.util.Objects;

/**
 * Corosync's {@code memb_merge_detect} (wire type 2): multicast by the representative of an
 * idle ring every {@code merge} ms, so that a node of another ring sharing the network
 * notices it and enters GATHER ({@link MembershipCore#onForeignMessage}).
 *
 * @param senderNodeId the representative that sent it, non-zero
 * @param ringId       the sender's ring
 */
public record MergeDetect(int senderNodeId, RingId ringId) implements TotemMessage {

    /** Checks the sender is non-zero and the ring id present. */
    public MergeDetect {
        Objects.requireNonNull(ringId, "ringId");
        if (senderNodeId == 0) {
            throw new IllegalArgumentException("node id 0 means nobody");
        }
    }
}
