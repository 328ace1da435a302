package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.JoinMessage;
import io.ringsync.protocol.totem.membership.MergeDetect;
import io.ringsync.protocol.wire.TotemCommitTokenFrame;
import io.ringsync.protocol.wire.TotemJoinFrame;
import io.ringsync.protocol.wire.TotemMcastFrame;
import io.ringsync.protocol.wire.TotemMergeDetectFrame;
import io.ringsync.protocol.wire.TotemTokenFrame;
import io.ringsync.protocol.wire.TotemTokenHoldCancelFrame;
import io.ringsync.protocol.wire.WireFrame;

/**
 * Maps the Totem ordering values ({@link RegularToken}, {@link OrderedMessage} plain or
 * encapsulated, {@link TokenHoldCancel}) to and from the flat wire records, so the wire
 * package does not depend on the cores. The {@link io.ringsync.protocol.wire.FrameDecoder}
 * only emits frames whose fields pass the value types' checks, so mapping a decoded frame
 * never throws. {@link #frameOf} and {@link #messageOf} cover every {@link TotemMessage}, the
 * membership ones through {@link MembershipFrames}.
 */
public final class TotemFrames {

    private TotemFrames() {
    }

    /** {@code message} as {@code fromNodeId} sends it to {@code toNodeId}, whichever Totem message it is. */
    public static WireFrame frameOf(int fromNodeId, int toNodeId, TotemMessage message) {
        if (message instanceof RegularToken token) {
            return toFrame(fromNodeId, toNodeId, token);
        } else if (message instanceof OrderedMessage mcast) {
            return toFrame(fromNodeId, toNodeId, mcast);
        } else if (message instanceof TokenHoldCancel cancel) {
            return toFrame(toNodeId, cancel);
        } else if (message instanceof JoinMessage join) {
            return MembershipFrames.toFrame(toNodeId, join);
        } else if (message instanceof CommitToken commit) {
            return MembershipFrames.toFrame(fromNodeId, toNodeId, commit);
        } else if (message instanceof MergeDetect detect) {
            return MembershipFrames.toFrame(toNodeId, detect);
        }
        throw new IllegalArgumentException("no frame for " + message);
    }

    /** The Totem message a decoded frame carries, or null for a frame of another layer (link pings). */
    public static TotemMessage messageOf(WireFrame frame) {
        if (frame instanceof TotemTokenFrame token) {
            return toToken(token);
        } else if (frame instanceof TotemMcastFrame mcast) {
            return toMessage(mcast);
        } else if (frame instanceof TotemTokenHoldCancelFrame cancel) {
            return toHoldCancel(cancel);
        } else if (frame instanceof TotemJoinFrame join) {
            return MembershipFrames.toJoin(join);
        } else if (frame instanceof TotemCommitTokenFrame commit) {
            return MembershipFrames.toCommitToken(commit);
        } else if (frame instanceof TotemMergeDetectFrame detect) {
            return MembershipFrames.toMergeDetect(detect);
        }
        return null;
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

    /**
     * One copy of {@code message}, sent (originated or retransmitted) by {@code fromNodeId} to
     * {@code toNodeId}; an encapsulated message carries its origin in the frame.
     */
    public static TotemMcastFrame toFrame(int fromNodeId, int toNodeId, OrderedMessage message) {
        Encapsulation origin = message.origin();
        TotemMcastFrame.Encapsulated encapsulated = origin == null ? null
                : new TotemMcastFrame.Encapsulated(origin.ringId().repNodeId(), origin.ringId().ringSeq(),
                        origin.seq(), origin.senderNodeId(), origin.delivery() == Delivery.SAFE);
        return new TotemMcastFrame(fromNodeId, toNodeId, message.ringId().repNodeId(), message.ringId().ringSeq(),
                message.seq(), message.senderNodeId(), message.delivery() == Delivery.SAFE, message.payload(),
                encapsulated);
    }

    /** The message a frame carries; its sender is the originator, not the node that sent this copy. */
    public static OrderedMessage toMessage(TotemMcastFrame frame) {
        TotemMcastFrame.Encapsulated e = frame.encapsulated();
        Encapsulation origin = e == null ? null
                : new Encapsulation(new RingId(e.ringRepNodeId(), e.ringSeq()), e.seq(), e.originNodeId(),
                        delivery(e.safe()));
        return new OrderedMessage(new RingId(frame.ringRepNodeId(), frame.ringSeq()), frame.seq(), frame.originNodeId(),
                delivery(frame.safe()), frame.payload(), origin);
    }

    /** One copy of {@code cancel}, sent by its sender to {@code toNodeId}. */
    public static TotemTokenHoldCancelFrame toFrame(int toNodeId, TokenHoldCancel cancel) {
        return new TotemTokenHoldCancelFrame(cancel.senderNodeId(), toNodeId, cancel.ringId().repNodeId(),
                cancel.ringId().ringSeq());
    }

    /** The hold cancel a frame carries; its sender is the frame's sender. */
    public static TokenHoldCancel toHoldCancel(TotemTokenHoldCancelFrame frame) {
        return new TokenHoldCancel(frame.senderNodeId(), new RingId(frame.ringRepNodeId(), frame.ringSeq()));
    }

    private static Delivery delivery(boolean safe) {
        return safe ? Delivery.SAFE : Delivery.AGREED;
    }
}
