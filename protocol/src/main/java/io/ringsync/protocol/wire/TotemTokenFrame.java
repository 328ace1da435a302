package io.ringsync.protocol.wire;

import java.util.List;

/**
 * The Totem regular token on the wire (schema template {@code TotemToken}, since version 2),
 * unicast by {@code senderNodeId} to its successor {@code targetNodeId}. Flat wire fields
 * only, so the wire package does not depend on the Totem cores; {@code totem.TotemFrames}
 * maps it to and from {@code RegularToken}. The {@link FrameDecoder} only emits tokens whose
 * fields satisfy {@code RegularToken}'s checks (see {@link DropReason#BAD_FIELD}).
 *
 * @param senderNodeId   the forwarding member
 * @param targetNodeId   its successor
 * @param ringRepNodeId  ring id: representative
 * @param ringSeq        ring id: ring sequence number
 * @param seq            highest message seq assigned in the ring
 * @param tokenSeq       hop counter
 * @param aru            all-received-up-to
 * @param aruNodeId      member holding aru down, 0 for nobody
 * @param backlog        queued messages, summed over the ring
 * @param fcc            flow-control count
 * @param retransmitFlag recovery's retransmit flag
 * @param rtrList        retransmit requests, at most {@link FrameDecoder#MAX_RTR_ENTRIES}
 */
public record TotemTokenFrame(int senderNodeId, int targetNodeId, int ringRepNodeId, long ringSeq, long seq,
                              long tokenSeq, long aru, int aruNodeId, long backlog, long fcc,
                              boolean retransmitFlag, List<Long> rtrList) implements WireFrame {

    /** Copies the rtr list (immutable). */
    public TotemTokenFrame {
        rtrList = List.copyOf(rtrList);
    }
}
