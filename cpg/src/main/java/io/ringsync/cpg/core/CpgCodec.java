package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgLimits;
import io.ringsync.cpg.CpgReason;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wire form of {@link CpgMessage}s, big-endian: a kind byte, then for join, leave and mcast
 * the group (a length byte, 1 to 128, and UTF-8 bytes) and the pid (8 bytes); a leave adds its
 * reason's code (1 byte), an mcast its payload (the rest). A joinlist is a count (4 bytes) and
 * that many group-and-pid entries; a node's joinlist is split into messages of at most
 * {@link #MAX_JOINLIST_BYTES}. {@link #decode} never throws: anything malformed (short, unknown
 * kind, bad name, trailing bytes) is empty, so a garbled or newer peer's message is skipped.
 */
public final class CpgCodec {

    /** The largest joinlist message. */
    public static final int MAX_JOINLIST_BYTES = 64 * 1024;

    private static final byte JOIN = 1;
    private static final byte LEAVE = 2;
    private static final byte MCAST = 3;
    private static final byte JOINLIST = 4;
    private static final int ENTRY_MAX_BYTES = 1 + CpgLimits.MAX_GROUP_NAME_BYTES + Long.BYTES;

    private CpgCodec() {
    }

    /** The bytes of {@code message} (a joinlist must fit in one message: see {@link #joinLists}). */
    public static byte[] encode(CpgMessage message) {
        if (message instanceof CpgMessage.Join join) {
            return header(JOIN, join.group(), join.pid(), 0).array();
        }
        if (message instanceof CpgMessage.Leave leave) {
            return header(LEAVE, leave.group(), leave.pid(), 1).put((byte) leave.reason().code()).array();
        }
        if (message instanceof CpgMessage.Mcast mcast) {
            return header(MCAST, mcast.group(), mcast.pid(), mcast.payload().length).put(mcast.payload()).array();
        }
        return encodeJoinList((CpgMessage.JoinList) message);
    }

    /** {@code entries} as joinlist messages of at most {@link #MAX_JOINLIST_BYTES} each; none for none. */
    public static List<byte[]> joinLists(List<CpgHandle> entries) {
        List<byte[]> messages = new ArrayList<>();
        int perMessage = (MAX_JOINLIST_BYTES - 1 - Integer.BYTES) / ENTRY_MAX_BYTES;
        for (int from = 0; from < entries.size(); from += perMessage) {
            List<CpgHandle> part = entries.subList(from, Math.min(entries.size(), from + perMessage));
            messages.add(encode(new CpgMessage.JoinList(part)));
        }
        return messages;
    }

    /** The message {@code bytes} hold, or empty when they hold none. */
    public static Optional<CpgMessage> decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CpgMessage message = decode(in);
            return message != null && !in.hasRemaining() ? Optional.of(message) : Optional.empty();
        } catch (BufferUnderflowException | IndexOutOfBoundsException | CharacterCodingException
                 | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CpgMessage decode(ByteBuffer in) throws CharacterCodingException {
        byte kind = in.get();
        if (kind == JOINLIST) {
            int count = in.getInt();
            if (count < 0 || count > in.remaining()) {
                return null;
            }
            List<CpgHandle> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new CpgHandle(name(in), in.getLong()));
            }
            return new CpgMessage.JoinList(entries);
        }
        String group = name(in);
        long pid = in.getLong();
        if (pid < 0) {
            return null;
        }
        switch (kind) {
            case JOIN:
                return new CpgMessage.Join(group, pid);
            case LEAVE:
                return leaveReason(in.get()).map(reason -> new CpgMessage.Leave(group, pid, reason)).orElse(null);
            case MCAST:
                byte[] payload = new byte[in.remaining()];
                in.get(payload);
                return new CpgMessage.Mcast(group, pid, payload);
            default:
                return null;
        }
    }

    /** A leave is by request or because the process went away; other reasons come from the sync round only. */
    private static Optional<CpgReason> leaveReason(byte code) {
        if (code == CpgReason.LEAVE.code()) {
            return Optional.of(CpgReason.LEAVE);
        }
        return code == CpgReason.PROCDOWN.code() ? Optional.of(CpgReason.PROCDOWN) : Optional.empty();
    }

    private static ByteBuffer header(byte kind, String group, long pid, int extra) {
        byte[] name = group.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 1 + name.length + Long.BYTES + extra)
                .put(kind).put((byte) name.length).put(name).putLong(pid);
    }

    private static byte[] encodeJoinList(CpgMessage.JoinList list) {
        ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + list.entries().size() * ENTRY_MAX_BYTES);
        out.put(JOINLIST).putInt(list.entries().size());
        for (CpgHandle entry : list.entries()) {
            byte[] name = entry.group().getBytes(StandardCharsets.UTF_8);
            out.put((byte) name.length).put(name).putLong(entry.pid());
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** A group name; invalid UTF-8 or a bad length is an error (CharacterCodingException or IllegalArgumentException). */
    private static String name(ByteBuffer in) throws CharacterCodingException {
        int length = Byte.toUnsignedInt(in.get());
        if (length == 0 || length > CpgLimits.MAX_GROUP_NAME_BYTES) {
            throw new IllegalArgumentException("bad group name length " + length);
        }
        ByteBuffer name = in.slice(in.position(), length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(name).toString();
    }
}
