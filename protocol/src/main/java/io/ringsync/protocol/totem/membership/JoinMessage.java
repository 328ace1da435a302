package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.TotemMessage;
import java.util.Collection;
import java.util.List;

/**
 * Corosync's {@code memb_join} (wire type 3): a GATHER node's view, multicast on entering
 * GATHER and every {@code join} ms. A leave is a join with the leaver in its own failed list
 * (corosync.md section 1, message types); see {@link #leave}.
 *
 * @param senderNodeId the node that sent it, non-zero
 * @param procList     the processors it is trying to form a ring with (sorted, unique; it
 *                     contains the sender)
 * @param failedList   the processors it considers failed (sorted, unique)
 * @param ringSeq      the sender's ring seq ({@code my_ring_id.seq}): its last installed ring,
 *                     or the ring it committed to
 */
public record JoinMessage(int senderNodeId, List<Integer> procList, List<Integer> failedList, long ringSeq)
        implements TotemMessage {

    /** Sorts and de-duplicates both lists and checks the sender is in its own proc list. */
    public JoinMessage {
        procList = NodeSets.sorted(procList);
        failedList = NodeSets.sorted(failedList);
        if (senderNodeId == 0 || !procList.contains(senderNodeId) || ringSeq < 0) {
            throw new IllegalArgumentException("bad join from " + senderNodeId + ": " + procList + " seq " + ringSeq);
        }
    }

    /** The join a node sends when it leaves: it lists itself as failed. */
    public static JoinMessage leave(int leaverNodeId, Collection<Integer> procList, long ringSeq) {
        return new JoinMessage(leaverNodeId, List.copyOf(procList), List.of(leaverNodeId), ringSeq);
    }

    /** Whether this join is a leave (the sender lists itself as failed). */
    public boolean isLeave() {
        return failedList.contains(senderNodeId);
    }
}
