package io.ringsync.quorum;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Bytes of the {@link QuorumMessage}s: a type byte, then fixed-width big-endian fields. Decoding
 * never throws: a short, unknown or trailing-garbage body is not a quorum message (empty), so a
 * newer peer's message is skipped, not fatal.
 */
@PureCore
public final class QuorumCodec {

    private static final byte NODE_INFO = 1;
    private static final byte SET_EXPECTED = 2;
    private static final byte SET_VOTES = 3;
    private static final byte CANCEL_WAIT_FOR_ALL = 4;
    private static final byte LMS_EXPIRED = 5;

    private static final int QUORATE = 1;
    private static final int WAITING = 2;
    private static final int LEAVING = 4;
    private static final int FIRST = 8;

    private QuorumCodec() {
    }

    /** The bytes of {@code message}. */
    public static byte[] encode(QuorumMessage message) {
        ByteBuffer b = ByteBuffer.allocate(32);
        if (message instanceof QuorumMessage.NodeInfo n) {
            int flags = (n.quorate() ? QUORATE : 0) | (n.waitingForAll() ? WAITING : 0) | (n.leaving() ? LEAVING : 0)
                    | (n.first() ? FIRST : 0);
            b.put(NODE_INFO).putInt(n.nodeId()).putInt(n.votes()).putInt(n.expected()).putInt(flags)
                    .putInt(n.deviceVotes());
        } else if (message instanceof QuorumMessage.SetExpected e) {
            b.put(SET_EXPECTED).putInt(e.origin()).putLong(e.requestId()).putInt(e.expected());
        } else if (message instanceof QuorumMessage.SetVotes v) {
            b.put(SET_VOTES).putInt(v.origin()).putLong(v.requestId()).putInt(v.nodeId()).putInt(v.votes());
        } else if (message instanceof QuorumMessage.CancelWaitForAll c) {
            b.put(CANCEL_WAIT_FOR_ALL).putInt(c.origin()).putLong(c.requestId());
        } else {
            RingId ring = ((QuorumMessage.LastManStandingExpired) message).ring();
            b.put(LMS_EXPIRED).putInt(ring.repNodeId()).putLong(ring.ringSeq());
        }
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return bytes;
    }

    /** The message in {@code body}, or empty when it is not one this node knows. */
    public static Optional<QuorumMessage> decode(byte[] body) {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            QuorumMessage message = read(b);
            return b.hasRemaining() ? Optional.empty() : Optional.ofNullable(message);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static QuorumMessage read(ByteBuffer b) {
        switch (b.get()) {
            case NODE_INFO: {
                int nodeId = b.getInt();
                int votes = b.getInt();
                int expected = b.getInt();
                int flags = b.getInt();
                return new QuorumMessage.NodeInfo(nodeId, votes, expected, (flags & QUORATE) != 0,
                        (flags & WAITING) != 0, (flags & LEAVING) != 0, (flags & FIRST) != 0, b.getInt());
            }
            case SET_EXPECTED:
                return new QuorumMessage.SetExpected(b.getInt(), b.getLong(), b.getInt());
            case SET_VOTES:
                return new QuorumMessage.SetVotes(b.getInt(), b.getLong(), b.getInt(), b.getInt());
            case CANCEL_WAIT_FOR_ALL:
                return new QuorumMessage.CancelWaitForAll(b.getInt(), b.getLong());
            case LMS_EXPIRED:
                return new QuorumMessage.LastManStandingExpired(new RingId(b.getInt(), b.getLong()));
            default:
                return null;
        }
    }
}
