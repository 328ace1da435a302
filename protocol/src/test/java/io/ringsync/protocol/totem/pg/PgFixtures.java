package io.ringsync.protocol.totem.pg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Shared helpers of the totempg tests: message contents, draining a queue, comparing messages. */
final class PgFixtures {

    private PgFixtures() {
    }

    /** A byte array of the given unsigned values, for hand-built chunks. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** A message of {@code length} bytes whose content depends on {@code salt}, so messages differ. */
    static byte[] message(int length, int salt) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + salt * 7 + (i >>> 8));
        }
        return out;
    }

    /** Polls every chunk of {@code queue}, oldest first. */
    static List<Chunk> drain(PackingQueue queue) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
            out.add(chunk);
        }
        return out;
    }

    /** Feeds {@code chunks} of one sender to {@code unpacker} and returns every message completed. */
    static List<byte[]> unpack(Unpacker unpacker, int sender, List<Chunk> chunks) {
        List<byte[]> out = new ArrayList<>();
        for (Chunk chunk : chunks) {
            out.addAll(unpacker.onChunk(sender, chunk.bytes()));
        }
        return out;
    }

    /** The messages as values that compare by content, for assertEquals on lists. */
    static List<ByteBuffer> contents(List<byte[]> messages) {
        return messages.stream().map(ByteBuffer::wrap).toList();
    }

    /**
     * The seeds of a seeded test: only {@code -D<property>=N} when set (to replay a failure),
     * else {@code count} seeds from {@code first}. Prints what it runs so a failure names them.
     */
    static List<Long> seeds(String test, String property, long first, int count) {
        Long replay = Long.getLong(property);
        List<Long> seeds = replay != null ? List.of(replay)
                : LongStream.range(first, first + count).boxed().toList();
        System.out.printf("%s: seeds %d..%d (replay one with -D%s=N)%n",
                test, seeds.get(0), seeds.get(seeds.size() - 1), property);
        return seeds;
    }
}
