package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.RingId;
import java.util.Objects;

/**
 * One member's entry of the commit token ({@code memb_list[]}), filled during rotation 1 with
 * what the member held of its old ring; recovery uses it to decide what to re-originate.
 *
 * @param oldRingId     the ring the member was last OPERATIONAL in
 * @param aru           its aru on that ring
 * @param highDelivered the highest seq it delivered on that ring
 * @param receivedFlag  whether it holds every message of that ring (aru == high seq received),
 *                      cleared when another member of the same old ring has a higher aru
 */
public record MemberEntry(RingId oldRingId, long aru, long highDelivered, boolean receivedFlag) {

    /** Checks the ring id is present and the seqs are not negative. */
    public MemberEntry {
        Objects.requireNonNull(oldRingId, "oldRingId");
        if (aru < 0 || highDelivered < 0) {
            throw new IllegalArgumentException("bad entry: aru=" + aru + " highDelivered=" + highDelivered);
        }
    }

    /** This entry with the received flag cleared. */
    MemberEntry withoutReceivedFlag() {
        return new MemberEntry(oldRingId, aru, highDelivered, false);
    }
}
