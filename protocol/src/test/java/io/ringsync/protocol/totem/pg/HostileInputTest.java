package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.Delivery.AGREED;
import static io.ringsync.protocol.totem.pg.PgFixtures.contents;
import static io.ringsync.protocol.totem.pg.PgFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Unpacker} against input no {@link PackingQueue} would build: every truncation of valid
 * chunks, and seeded garbage (raw bytes, plausible headers with random entries, mutated and
 * spliced valid chunks). It never throws, and each chunk is either dropped and counted or
 * accepted; replay a garbage seed with {@code -Dpg.seed=N}.
 */
class HostileInputTest {

    private static final int MAX = 300;
    private static final long FIRST_SEED = 0x6861_0000L;
    private static final int SEEDS = 200;
    private static final int CHUNKS_PER_SEED = 100;

    @Test
    void everyTruncationOfAValidChunkIsDroppedAndWhatFollowsDeliversOnlySentMessagesInOrder() {
        List<byte[]> sent = new ArrayList<>();
        List<Chunk> chunks = validChunks(sent, 0, 5, 70, 300, 1, 2, 130, 0, 40);
        List<ByteBuffer> sentContents = contents(sent);
        int truncations = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] full = chunks.get(i).bytes();
            for (int length = 0; length < full.length; length++, truncations++) {
                Unpacker unpacker = new Unpacker(MAX);
                List<byte[]> out = new ArrayList<>(PgFixtures.unpack(unpacker, 1, chunks.subList(0, i)));
                String where = "chunk " + i + " cut to " + length;
                assertEquals(List.of(), unpacker.onChunk(1, Arrays.copyOf(full, length)), where);
                assertEquals(1, unpacker.droppedTotal(), where);
                assertEquals(0, unpacker.partialCount(), where);
                out.addAll(PgFixtures.unpack(unpacker, 1, chunks.subList(i + 1, chunks.size())));
                assertTrue(isSubsequence(contents(out), sentContents), where + ": only sent messages, in order");
            }
        }
        assertTrue(truncations > 500, "truncations tried: " + truncations);
    }

    @Test
    void seededGarbageNeverThrowsAndIsEitherDroppedOrAccepted() {
        Set<DropReason> seen = EnumSet.noneOf(DropReason.class);
        for (long seed : PgFixtures.seeds("HostileInputTest", "pg.seed", FIRST_SEED, SEEDS)) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Chunk> valid = validChunks(new ArrayList<>(), 0, 3, 64, 200, 17, 250);
            Unpacker unpacker = new Unpacker(random.nextInt(1, MAX + 1));
            long fed = 0;
            for (int i = 0; i < CHUNKS_PER_SEED; i++) {
                byte[] garbage = garbage(random, valid);
                fed += garbage.length;
                long dropsBefore = unpacker.droppedTotal();
                List<byte[]> out = unpacker.onChunk(random.nextInt(1, 4), garbage);
                long dropped = unpacker.droppedTotal() - dropsBefore;
                String where = "seed " + seed + ", chunk " + i + ": " + Arrays.toString(garbage);
                assertTrue(dropped == 0 || dropped == 1 && out.isEmpty(), where);
                assertTrue(out.stream().mapToLong(m -> m.length).sum() <= fed, where);
                assertTrue(unpacker.bufferedBytes() <= fed, where + ": buffered beyond what arrived");
            }
            unpacker.drops().forEach((reason, count) -> {
                if (count > 0) {
                    seen.add(reason);
                }
            });
        }
        assertEquals(EnumSet.allOf(DropReason.class), seen, "the garbage reaches every check");
    }

    /** One of: raw bytes, a plausible header with random entries, a mutated valid chunk, two spliced. */
    private static byte[] garbage(SplittableRandom random, List<Chunk> valid) {
        byte[] base = valid.get(random.nextInt(valid.size())).bytes();
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] raw = new byte[random.nextInt(12)];
                random.nextBytes(raw);
                return raw;
            }
            case 1 -> {
                return randomEntries(random);
            }
            case 2 -> {
                for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
                    base[random.nextInt(base.length)] = (byte) random.nextInt(256);
                }
                return base;
            }
            default -> {
                byte[] other = valid.get(random.nextInt(valid.size())).bytes();
                byte[] spliced = Arrays.copyOf(base, base.length + other.length);
                System.arraycopy(other, 0, spliced, base.length, other.length);
                return spliced;
            }
        }
    }

    /** Version 1, a count of 0 to 4, then up to 4 entries of random kind, lengths and data. */
    private static byte[] randomEntries(SplittableRandom random) {
        byte[] out = new byte[64];
        out[0] = ChunkFormat.VERSION;
        out[1] = (byte) random.nextInt(5);
        int pos = ChunkFormat.HEADER_BYTES;
        for (int entries = random.nextInt(5); entries > 0 && pos < 40; entries--) {
            out[pos++] = (byte) random.nextInt(6);
            pos = ChunkFormat.writeVarint(out, pos, randomLength(random));
            pos = ChunkFormat.writeVarint(out, pos, randomLength(random));
            pos += random.nextInt(8);
        }
        return Arrays.copyOf(out, Math.min(out.length, pos + random.nextInt(3)));
    }

    /** Mostly small, sometimes near the limits, sometimes huge. */
    private static int randomLength(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.MAX_VALUE - random.nextInt(3);
            case 1 -> MAX + random.nextInt(-2, 3);
            default -> random.nextInt(8);
        };
    }

    /** The chunks of messages of the given sizes, packed in 64-byte chunks. */
    private static List<Chunk> validChunks(List<byte[]> sent, int... sizes) {
        PackingQueue queue = new PackingQueue(64, 100, MAX);
        for (int i = 0; i < sizes.length; i++) {
            sent.add(message(sizes[i], i));
            assertEquals(PackingQueue.Offer.ACCEPTED, queue.offer(AGREED, sent.get(i)));
        }
        return PgFixtures.drain(queue);
    }

    private static boolean isSubsequence(List<ByteBuffer> part, List<ByteBuffer> whole) {
        int at = 0;
        for (ByteBuffer m : part) {
            while (at < whole.size() && !whole.get(at).equals(m)) {
                at++;
            }
            if (at++ == whole.size()) {
                return false;
            }
        }
        return true;
    }
}
