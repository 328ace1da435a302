package io.ringsync.examples.singleton;

import io.ringsync.cpg.CpgMember;
import io.ringsync.protocol.totem.RingId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The singleton's messages in its CPG group: a {@link SingletonCore.Vote} when an election starts,
 * and an {@link Action} for every action the holder takes (so that every member's
 * {@link FencingGate} sees it). A kind byte, then big-endian fields. {@link #decode} never throws:
 * anything it cannot read is empty, and the caller ignores it.
 */
public final class SingletonCodec {

    /** Members a vote may list: far above any cluster's process count, it bounds a garbled length. */
    static final int MAX_MEMBERS = 4096;
    private static final byte VOTE = 1;
    private static final byte ACTION = 2;

    private SingletonCodec() {
    }

    /** What a group message holds. */
    public sealed interface Message permits Voted, Action {
    }

    /** A vote. */
    public record Voted(SingletonCore.Vote vote) implements Message {
    }

    /**
     * The holder's action number {@code number} under {@code token}.
     *
     * @param token  the holder's token
     * @param number the action's number, from 1, per holding
     */
    public record Action(FencingToken token, long number) implements Message {
    }

    /** A vote's bytes. */
    public static byte[] vote(SingletonCore.Vote vote) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 12 + 4 + 4 + vote.members().size() * 12);
        buffer.put(VOTE);
        putRing(buffer, vote.ring());
        buffer.putInt(vote.epoch()).putInt(vote.members().size());
        vote.members().forEach(m -> buffer.putInt(m.nodeId()).putLong(m.pid()));
        return buffer.array();
    }

    /** An action's bytes. */
    public static byte[] action(Action action) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 12 + 4 + 8);
        buffer.put(ACTION);
        putRing(buffer, action.token().ring());
        buffer.putInt(action.token().epoch()).putLong(action.number());
        return buffer.array();
    }

    /** The message in {@code bytes}, or empty when they are not one. */
    public static Optional<Message> decode(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte kind = buffer.get();
            RingId ring = new RingId(buffer.getInt(), buffer.getLong());
            int epoch = buffer.getInt();
            Message message;
            if (kind == VOTE) {
                message = new Voted(new SingletonCore.Vote(ring, epoch, members(buffer)));
            } else if (kind == ACTION) {
                message = new Action(new FencingToken(ring, epoch), buffer.getLong());
            } else {
                return Optional.empty();
            }
            return buffer.hasRemaining() ? Optional.empty() : Optional.of(message);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<CpgMember> members(ByteBuffer buffer) {
        int count = buffer.getInt();
        if (count < 0 || count > MAX_MEMBERS) {
            throw new IllegalArgumentException("a vote listing " + count + " members");
        }
        List<CpgMember> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new CpgMember(buffer.getInt(), buffer.getLong()));
        }
        return members;
    }

    private static void putRing(ByteBuffer buffer, RingId ring) {
        buffer.putInt(ring.repNodeId()).putLong(ring.ringSeq());
    }
}
