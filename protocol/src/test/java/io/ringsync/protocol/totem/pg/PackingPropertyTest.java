package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.pg.PgFixtures.contents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.pg.PackingQueue.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seeded property of the packing layer: for random message sizes (0 to three chunks), 1 to 5
 * senders, random polls and TRY_AGAIN retries, and a random interleaving of the senders' chunks
 * that keeps each sender's order, every sender's messages come out of one {@link Unpacker}
 * exactly as offered, each completed by a chunk of its delivery kind. A failure names its seed;
 * replay it with {@code -Dpg.seed=N}.
 */
class PackingPropertyTest {

    private static final long FIRST_SEED = 0x7067_0000L;
    private static final int SEEDS = 200;

    /** One sender's queue, what it offered, and the chunks it has polled so far. */
    private record Sender(PackingQueue queue, List<byte[]> sent, List<Delivery> kinds, List<Chunk> chunks) {
    }

    private int packedChunks;
    private int fragmentedMessages;

    @Test
    void everySendersMessagesComeOutAsOfferedWhateverTheSizesAndInterleaving() {
        for (long seed : PgFixtures.seeds("PackingPropertyTest", "pg.seed", FIRST_SEED, SEEDS)) {
            run(seed);
        }
        assertTrue(packedChunks > 0 && fragmentedMessages > 0,
                "the runs both pack and fragment: " + packedChunks + " packed chunks, " + fragmentedMessages + " fragmented");
    }

    private void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int maxChunk = random.nextInt(ChunkFormat.MIN_CHUNK_BYTES, 300);
        int maxMessage = 3 * maxChunk;
        List<Sender> senders = new ArrayList<>();
        for (int s = random.nextInt(1, 6); s > 0; s--) {
            senders.add(offerRandomMessages(random, maxChunk, maxMessage, seed));
        }
        Unpacker unpacker = new Unpacker(maxMessage);
        List<List<byte[]>> received = new ArrayList<>();
        int[] next = new int[senders.size()];
        senders.forEach(s -> received.add(new ArrayList<>()));
        for (int left = senders.stream().mapToInt(s -> s.chunks().size()).sum(); left > 0; left--) {
            int s = random.nextInt(senders.size());
            while (next[s] == senders.get(s).chunks().size()) {
                s = (s + 1) % senders.size();
            }
            Chunk chunk = senders.get(s).chunks().get(next[s]++);
            assertTrue(chunk.length() <= maxChunk, "seed " + seed + ": chunk of " + chunk.length());
            List<byte[]> done = unpacker.onChunk(s + 1, chunk.bytes());
            for (byte[] message : done) {
                Delivery expected = senders.get(s).kinds().get(received.get(s).size());
                assertEquals(expected, chunk.delivery(), "seed " + seed + ": delivery of a message");
                received.get(s).add(message);
            }
            packedChunks += done.size() > 1 ? 1 : 0;
        }
        for (int s = 0; s < senders.size(); s++) {
            assertEquals(contents(senders.get(s).sent()), contents(received.get(s)), "seed " + seed + ", sender " + (s + 1));
        }
        assertEquals(0, unpacker.droppedTotal(), "seed " + seed + ": " + unpacker.drops());
        assertEquals(0, unpacker.partialCount(), "seed " + seed);
        assertEquals(0, unpacker.bufferedBytes(), "seed " + seed);
    }

    /** Offers random messages, polling at random and whenever the queue says TRY_AGAIN, then drains it. */
    private Sender offerRandomMessages(SplittableRandom random, int maxChunk, int maxMessage, long seed) {
        int minimum = ChunkLayout.newChunks(ChunkLayout.plan(-1, maxMessage, maxChunk));
        Sender sender = new Sender(new PackingQueue(maxChunk, minimum + random.nextInt(4), maxMessage),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        PackingQueue queue = sender.queue();
        Delivery kind = Delivery.AGREED;
        for (int i = random.nextInt(40); i > 0; i--) {
            byte[] message = new byte[random.nextInt(maxMessage + 1)];
            random.nextBytes(message);
            kind = random.nextInt(5) == 0 ? Delivery.values()[random.nextInt(2)] : kind;
            while (true) {
                int size = queue.size();
                long bytes = queue.queuedBytes();
                Chunk head = queue.peek();
                if (queue.offer(kind, message) == Offer.ACCEPTED) {
                    break;
                }
                assertTrue(size == queue.size() && bytes == queue.queuedBytes() && head.equals(queue.peek()),
                        "seed " + seed + ": TRY_AGAIN changed the queue");
                sender.chunks().add(queue.poll());
            }
            sender.sent().add(message);
            sender.kinds().add(kind);
            fragmentedMessages += message.length > maxChunk ? 1 : 0;
            if (random.nextInt(4) == 0 && !queue.isEmpty()) {
                sender.chunks().add(queue.poll());
            }
        }
        sender.chunks().addAll(PgFixtures.drain(queue));
        return sender;
    }
}
