package io.ringsync.protocol.wire;

import java.util.List;

/**
 * A Totem commit token on the wire (schema template {@code TotemCommitToken}, since version
 * 3), passed by {@code senderNodeId} to {@code targetNodeId} around the ring being formed.
 * Flat wire fields only; {@code totem.MembershipFrames} maps it to and from
 * {@code CommitToken}. The {@link FrameDecoder} only emits tokens that {@code CommitToken}
 * accepts: members sorted, unique nodelist ids led by the ring's representative,
 * {@code membIndex} at most the member count and equal to the number of entries, every
 * counter and ring id in range.
 *
 * @param senderNodeId  the forwarding member
 * @param targetNodeId  the member it is passed to
 * @param tokenSeq      hop counter
 * @param ringRepNodeId new ring id: representative
 * @param ringSeq       new ring id: ring sequence number
 * @param membIndex     entries filled so far
 * @param members       the new ring's members in ring order (copied, immutable)
 * @param entries       the filled entries in member order (copied, immutable)
 */
public record TotemCommitTokenFrame(int senderNodeId, int targetNodeId, long tokenSeq, int ringRepNodeId,
                                    long ringSeq, int membIndex, List<Integer> members, List<Entry> entries)
        implements WireFrame {

    /** Copies both lists (immutable). */
    public TotemCommitTokenFrame {
        members = List.copyOf(members);
        entries = List.copyOf(entries);
    }

    /**
     * One filled member entry ({@code memb_list[]}).
     *
     * @param oldRingRepNodeId old ring id: representative
     * @param oldRingSeq       old ring id: ring sequence number
     * @param aru              the member's aru on its old ring
     * @param highDelivered    the highest seq it delivered there
     * @param receivedFlag     whether it holds every message of its old ring
     */
    public record Entry(int oldRingRepNodeId, long oldRingSeq, long aru, long highDelivered, boolean receivedFlag) {
    }
}
