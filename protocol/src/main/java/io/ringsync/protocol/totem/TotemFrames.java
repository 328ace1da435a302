package io.ringsync.protocol.totem;

import io.ringsync.protocol.wire.TotemMcastFrame;
import io.ringsync.protocol.wire.TotemTokenFrame;

/**
 * Maps the Totem cores' values to and from the flat wire records, so the wire package does
 * not depend on the cores. The {@link io.ringsync.protocol.wire.FrameDecoder} only emits
 * frames whose fields pass {@link RegularToken}'s and {@link OrderedMessage}'s checks, so
 * mapping a decoded frame never throws.
 */
public final class TotemFrames {

    private TotemFrames() {
    }

    /** {@code token} as forwarded by {@code fromNodeId} to {@code toNodeId}. */
    public static TotemTokenFrame toFrame(int fromNodeId, int toNodeId, RegularToken token) {
        return new TotemTokenFrame(fromNodeId, toNodeId, token.ringId().repNodeId(), token.ringId().ringSeq(),
                token.seq(), token.tokenSeq(), token.aru(), token.aruNodeId(), token.backlog(), token.fcc(),
                token.retransmitFlag(), token.rtrList());
    }

    /** The token a frame carries. */
    public static RegularToken toToken(TotemTokenFrame frame) {
        return new RegularToken(new RingId(frame.ringRepNodeId(), frame.ringSeq()), frame.seq(), frame.tokenSeq(),
                frame.aru(), frame.aruNodeId(), frame.backlog(), frame.fcc(), frame.retransmitFlag(), frame.rtrList());
    }

    /** One copy of {@code message}, sent (originated or retransmitted) by {@code fromNodeId} to {@code toNodeId}. */
    public static TotemMcastFrame toFrame(int fromNodeId, int toNodeId, OrderedMessage message) {
        return new TotemMcastFrame(fromNodeId, toNodeId, message.ringId().repNodeId(), message.ringId().ringSeq(),
                message.seq(), message.senderNodeId(), message.delivery() == Delivery.SAFE, message.payload());
    }

    /** The message a frame carries; its sender is the originator, not the node that sent this copy. */
    public static OrderedMessage toMessage(TotemMcastFrame frame) {
        return new OrderedMessage(new RingId(frame.ringRepNodeId(), frame.ringSeq()), frame.seq(), frame.originNodeId(),
                frame.safe() ? Delivery.SAFE : Delivery.AGREED, frame.payload());
    }
}
