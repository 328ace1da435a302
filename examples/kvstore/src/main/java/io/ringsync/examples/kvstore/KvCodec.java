package io.ringsync.examples.kvstore;

import io.ringsync.cpg.CpgMember;
import io.ringsync.protocol.totem.RingId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's messages in its CPG group (a write, a {@link KvCore.Have}, a
 * {@link KvCore.Snapshot} notice) and a replica's bytes in the checkpoint: a kind byte, then
 * big-endian fields, strings as length and UTF-8. Decoding never throws: what it cannot read is
 * empty.
 */
public final class KvCodec {

    /** The longest string field, in bytes. */
    public static final int MAX_STRING = 64 * 1024;
    private static final int MAX_COUNT = 1 << 20;
    private static final byte WRITE = 1;
    private static final byte HAVE = 2;
    private static final byte SNAPSHOT = 3;

    private KvCodec() {
    }

    /** A group message. */
    public sealed interface Message permits Written, Had, Snapshotted {
    }

    /**
     * A write, with the id its sender answers it by.
     *
     * @param requestId the sender's id of the request
     * @param write     the write
     */
    public record Written(long requestId, KvReplica.Write write) implements Message {
    }

    /** A replica's {@link KvCore.Have}. */
    public record Had(KvCore.Have have) implements Message {
    }

    /** A {@link KvCore.Snapshot} notice. */
    public record Snapshotted(KvCore.Snapshot snapshot) implements Message {
    }

    /** A write's bytes. */
    public static byte[] write(long requestId, KvReplica.Write write) {
        Writer out = new Writer().kind(WRITE);
        out.buffer.putLong(requestId);
        return out.string(write.key()).string(write.value()).bytes();
    }

    /** A Have's bytes. */
    public static byte[] have(KvCore.Have have) {
        return new Writer().kind(HAVE).ring(have.ring()).members(have.members()).version(have.version())
                .string(have.digest()).bytes();
    }

    /** A Snapshot notice's bytes. */
    public static byte[] snapshot(KvCore.Snapshot snapshot) {
        return new Writer().kind(SNAPSHOT).ring(snapshot.ring()).members(snapshot.members())
                .version(snapshot.version()).string(snapshot.digest()).bytes();
    }

    /** A replica's bytes, as the checkpoint holds them. */
    public static byte[] replica(KvReplica replica) {
        Writer out = new Writer().version(replica.version());
        out.ensure(4);
        out.buffer.putInt(replica.size());
        replica.entries().forEach((key, value) -> out.string(key).string(value));
        return out.bytes();
    }

    /** The group message in {@code bytes}, or empty. */
    public static Optional<Message> decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte kind = in.get();
            Message message;
            if (kind == WRITE) {
                long requestId = in.getLong();
                message = new Written(requestId, new KvReplica.Write(string(in), string(in)));
            } else if (kind == HAVE) {
                message = new Had(new KvCore.Have(ring(in), members(in), in.getLong(), string(in)));
            } else if (kind == SNAPSHOT) {
                message = new Snapshotted(new KvCore.Snapshot(ring(in), members(in), in.getLong(), string(in)));
            } else {
                return Optional.empty();
            }
            return in.hasRemaining() ? Optional.empty() : Optional.of(message);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The replica in a checkpoint's {@code bytes}, or empty. */
    public static Optional<KvReplica> decodeReplica(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long version = in.getLong();
            int count = count(in);
            TreeMap<String, String> entries = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                entries.put(string(in), string(in));
            }
            return in.hasRemaining() ? Optional.empty() : Optional.of(new KvReplica(entries, version));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RingId ring(ByteBuffer in) {
        return new RingId(in.getInt(), in.getLong());
    }

    private static List<CpgMember> members(ByteBuffer in) {
        int count = count(in);
        List<CpgMember> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new CpgMember(in.getInt(), in.getLong()));
        }
        return members;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IllegalArgumentException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("a count of " + count);
        }
        return count;
    }

    /** A growing big-endian buffer. */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(256);

        void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        Writer kind(byte kind) {
            ensure(1);
            buffer.put(kind);
            return this;
        }

        Writer ring(RingId ring) {
            ensure(12);
            buffer.putInt(ring.repNodeId()).putLong(ring.ringSeq());
            return this;
        }

        Writer members(List<CpgMember> members) {
            ensure(4 + 12 * members.size());
            buffer.putInt(members.size());
            members.forEach(m -> buffer.putInt(m.nodeId()).putLong(m.pid()));
            return this;
        }

        Writer version(long version) {
            ensure(8);
            buffer.putLong(version);
            return this;
        }

        Writer string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_STRING) {
                throw new IllegalArgumentException("a string of " + bytes.length + " bytes, above " + MAX_STRING);
            }
            ensure(4 + bytes.length);
            buffer.putInt(bytes.length).put(bytes);
            return this;
        }

        byte[] bytes() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        }
    }
}
