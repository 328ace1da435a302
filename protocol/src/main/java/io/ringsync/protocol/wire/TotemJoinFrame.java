package io.ringsync.protocol.wire;

import java.util.List;

/**
 * A Totem join on the wire (schema template {@code TotemJoin}, since version 3): the view of
 * GATHER node {@code senderNodeId}, one copy per peer addressed to {@code targetNodeId}. Flat
 * wire fields only; {@code totem.MembershipFrames} maps it to and from {@code JoinMessage}.
 * The {@link FrameDecoder} only emits joins that {@code JoinMessage} accepts: both lists
 * sorted, unique nodelist ids, the sender in its own proc list, ringSeq not negative.
 *
 * @param senderNodeId the node whose view this is
 * @param targetNodeId the node this copy is addressed to
 * @param procList     the processors the sender tries to form a ring with (copied, immutable)
 * @param failedList   the processors the sender considers failed (copied, immutable)
 * @param ringSeq      the sender's ring seq
 */
public record TotemJoinFrame(int senderNodeId, int targetNodeId, List<Integer> procList, List<Integer> failedList,
                             long ringSeq) implements WireFrame {

    /** Copies both lists (immutable). */
    public TotemJoinFrame {
        procList = List.copyOf(procList);
        failedList = List.copyOf(failedList);
    }
}
