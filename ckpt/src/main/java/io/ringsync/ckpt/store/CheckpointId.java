package io.ringsync.ckpt.store;

import java.util.Comparator;

/**
 * A checkpoint's cluster-wide identity (Corosync's {@code ckpt_id}, which lets an unlinked but
 * still open checkpoint live beside a new one of the same name). Chosen by the node whose open
 * created it, from values no other node and no earlier run can repeat: the node id, the ring
 * sequence number the node was in when it asked (persisted and increasing across restarts), and
 * a counter of the node's requests. Unlike a cluster counter it needs no agreement, so two
 * partitions never hand out the same id.
 *
 * @param creatorNodeId the node whose open created the checkpoint
 * @param ringSeq       that node's ring sequence number when it asked
 * @param serial        that node's request counter
 */
public record CheckpointId(int creatorNodeId, long ringSeq, long serial) implements Comparable<CheckpointId> {

    private static final Comparator<CheckpointId> ORDER = Comparator.comparingInt(CheckpointId::creatorNodeId)
            .thenComparingLong(CheckpointId::ringSeq).thenComparingLong(CheckpointId::serial);

    @Override
    public int compareTo(CheckpointId other) {
        return ORDER.compare(this, other);
    }

    /** E.g. {@code 2.1c.5}: node, ring seq in hex, serial. */
    @Override
    public String toString() {
        return creatorNodeId + "." + Long.toHexString(ringSeq) + "." + serial;
    }
}
