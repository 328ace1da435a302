package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.Delivery.AGREED;
import static io.ringsync.protocol.totem.Delivery.SAFE;
import static io.ringsync.protocol.totem.pg.PgFixtures.contents;
import static io.ringsync.protocol.totem.pg.PgFixtures.drain;
import static io.ringsync.protocol.totem.pg.PgFixtures.message;
import static io.ringsync.protocol.totem.pg.PgFixtures.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.pg.PackingQueue.Offer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PackingQueue} rules, checked through {@link Unpacker} round trips. */
class PackingQueueTest {

    private static final int WIRE_CHUNK = 130_000;
    private static final int MIB = PackingQueue.DEFAULT_MAX_MESSAGE_BYTES;

    @Test
    void manySmallMessagesPackIntoFewChunksInOrder() {
        PackingQueue queue = new PackingQueue(WIRE_CHUNK, 64, MIB);
        List<byte[]> sent = offerAll(queue, AGREED, 2000, 100);
        // each entry: kind + 1-byte length + 100 data bytes; 1274 of them fill a 130,000-byte chunk
        assertEquals(2, queue.size());
        assertEquals(2L * ChunkFormat.HEADER_BYTES + 2000L * 102, queue.queuedBytes());
        List<Chunk> chunks = drain(queue);
        assertEquals(3 + 1274 * 102, chunks.get(0).length());
        assertEquals(contents(sent), contents(unpack(new Unpacker(MIB), 1, chunks)));
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void aOneMibMessageFragmentsIntoFullChunksAndReassemblesByteIdentical() {
        PackingQueue queue = new PackingQueue(WIRE_CHUNK, 16, MIB);
        byte[] big = message(MIB, 5);
        assertEquals(Offer.ACCEPTED, queue.offer(SAFE, big));
        // at most 10 bytes of overhead per chunk (header 3, kind 1, two 3-byte varints)
        int expected = (MIB + (WIRE_CHUNK - 10) - 1) / (WIRE_CHUNK - 10);
        assertEquals(9, expected);
        List<Chunk> chunks = drain(queue);
        assertEquals(expected, chunks.size());
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertEquals(WIRE_CHUNK, chunks.get(i).length(), "fragment chunk " + i + " is full");
        }
        assertTrue(chunks.stream().allMatch(c -> c.delivery() == SAFE));
        Unpacker unpacker = new Unpacker(MIB);
        List<byte[]> out = unpack(unpacker, 7, chunks);
        assertEquals(1, out.size());
        assertArrayEquals(big, out.get(0));
        assertEquals(0, unpacker.partialCount());
        assertEquals(0, unpacker.bufferedBytes());
    }

    @Test
    void emptyMessagesTakeTwoBytesEach() {
        PackingQueue queue = new PackingQueue(64, 8, 256);
        List<byte[]> sent = offerAll(queue, AGREED, 10, 0);
        assertEquals(1, queue.size());
        assertEquals(ChunkFormat.HEADER_BYTES + 10 * 2, queue.queuedBytes());
        assertEquals(contents(sent), contents(unpack(new Unpacker(256), 1, drain(queue))));
    }

    @Test
    void mixedSizesAndKindsKeepTheOfferedOrderAndAgreedNeverSharesWithSafe() {
        PackingQueue queue = new PackingQueue(64, 100, 1000);
        List<byte[]> sent = new ArrayList<>();
        int[] sizes = {3, 0, 200, 5, 61, 60, 59, 1000, 7, 120};
        for (int i = 0; i < sizes.length; i++) {
            byte[] m = message(sizes[i], i);
            assertEquals(Offer.ACCEPTED, queue.offer(i % 3 == 0 ? SAFE : AGREED, m));
            sent.add(m);
        }
        List<Chunk> chunks = drain(queue);
        assertTrue(chunks.stream().allMatch(c -> c.length() <= 64));
        assertEquals(contents(sent), contents(unpack(new Unpacker(1000), 2, chunks)));
        Unpacker unpacker = new Unpacker(1000);
        int index = 0;
        for (Chunk chunk : chunks) {
            for (byte[] done : unpacker.onChunk(2, chunk.bytes())) {
                assertArrayEquals(sent.get(index), done);
                assertEquals(index % 3 == 0 ? SAFE : AGREED, chunk.delivery(), "message " + index);
                index++;
            }
        }
        assertEquals(sent.size(), index);
    }

    @Test
    void aDeliveryChangeStartsANewChunkEvenWithRoomLeft() {
        PackingQueue queue = new PackingQueue(1000, 8, 1000);
        queue.offer(AGREED, message(5, 1));
        queue.offer(SAFE, message(5, 2));
        queue.offer(AGREED, message(5, 3));
        assertEquals(List.of(AGREED, SAFE, AGREED), drain(queue).stream().map(Chunk::delivery).toList());
    }

    @Test
    void aFragmentedMessageTakesChunksOfItsOwnAndAMessageThatFitsAFreshChunkIsNotSplit() {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        queue.offer(AGREED, message(10, 1));
        queue.offer(AGREED, message(50, 2));
        assertEquals(2, queue.size(), "50 bytes do not fit the 49 left but fit a fresh chunk whole");
        queue.offer(AGREED, message(60, 3));
        assertEquals(4, queue.size(), "the FIRST and the LAST fragment each open a chunk of their own");
        queue.offer(AGREED, message(1, 4));
        assertEquals(5, queue.size(), "nothing is packed after a LAST fragment");
        List<Chunk> chunks = drain(queue);
        assertEquals(List.of(3 + 12, 3 + 52, 64, 3 + 4, 3 + 3), chunks.stream().map(Chunk::length).toList());
    }

    @Test
    void aPolledChunkIsFinalAndPeekShowsTheHeadAsItIsNow() {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        assertNull(queue.peek());
        assertNull(queue.poll());
        queue.offer(AGREED, message(4, 1));
        Chunk peeked = queue.peek();
        queue.offer(AGREED, message(4, 2));
        assertEquals(1, queue.size());
        Chunk polled = queue.poll();
        assertEquals(peeked.length() + 6, polled.length(), "the open head grew after peek");
        queue.offer(AGREED, message(4, 3));
        assertEquals(1, queue.size(), "a new chunk after the polled one");
        assertEquals(ChunkFormat.HEADER_BYTES + 6, queue.poll().length());
        assertTrue(queue.isEmpty());
    }

    @Test
    void theQueueCopiesMessagesIn() {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        byte[] m = message(8, 1);
        queue.offer(AGREED, m);
        m[0]++;
        Chunk chunk = queue.poll();
        assertArrayEquals(message(8, 1), new Unpacker(1000).onChunk(1, chunk.bytes()).get(0));
        assertEquals(new Chunk(AGREED, chunk.bytes()), chunk);
    }

    @Test
    void tryAgainLeavesTheQueueUnchangedAndTooLargeIsRefused() {
        PackingQueue queue = new PackingQueue(64, 3, 150);
        assertEquals(Offer.ACCEPTED, queue.offer(AGREED, message(40, 1)));
        assertEquals(Offer.ACCEPTED, queue.offer(AGREED, message(100, 2)), "FIRST and LAST in chunks of their own");
        assertEquals(3, queue.size());
        long bytes = queue.queuedBytes();
        Chunk head = queue.peek();
        assertEquals(Offer.TRY_AGAIN, queue.offer(AGREED, message(100, 3)));
        assertEquals(Offer.TRY_AGAIN, queue.offer(SAFE, message(1, 4)), "SAFE cannot pack into an AGREED chunk");
        assertEquals(Offer.TOO_LARGE, queue.offer(AGREED, message(151, 5)));
        assertEquals(3, queue.size());
        assertEquals(bytes, queue.queuedBytes());
        assertEquals(head, queue.peek());
        assertEquals(Offer.TRY_AGAIN, queue.offer(AGREED, message(1, 6)), "nothing packs after a LAST fragment");
        List<Chunk> chunks = new java.util.ArrayList<>(List.of(queue.poll()));
        assertEquals(Offer.ACCEPTED, queue.offer(AGREED, message(1, 6)), "a fresh chunk once one left");
        chunks.addAll(drain(queue));
        List<byte[]> out = unpack(new Unpacker(150), 1, chunks);
        assertEquals(contents(List.of(message(40, 1), message(100, 2), message(1, 6))), contents(out));
    }

    @Test
    void aChunkHoldsAtMostTheU16EntryCount() {
        PackingQueue queue = new PackingQueue(200_000, 4, 10);
        List<byte[]> sent = offerAll(queue, AGREED, ChunkFormat.MAX_ENTRIES + 1, 0);
        assertEquals(2, queue.size());
        assertEquals(sent.size(), unpack(new Unpacker(10), 1, drain(queue)).size());
    }

    @Test
    void theConstructorRefusesChunksWithoutRoomForHeadersAndACapacityBelowOneLargestMessage() {
        assertThrows(IllegalArgumentException.class, () -> new PackingQueue(ChunkFormat.MIN_CHUNK_BYTES - 1, 100, 10));
        assertThrows(IllegalArgumentException.class, () -> new PackingQueue(64, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PackingQueue(64, 8, -1));
        assertThrows(IllegalArgumentException.class, () -> new PackingQueue(WIRE_CHUNK, 8, MIB));
        new PackingQueue(WIRE_CHUNK, 9, MIB);
        new PackingQueue(ChunkFormat.MIN_CHUNK_BYTES, 1, 0);
    }

    private static List<byte[]> offerAll(PackingQueue queue, Delivery delivery, int count, int size) {
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] m = message(size, i);
            assertEquals(Offer.ACCEPTED, queue.offer(delivery, m), "message " + i);
            sent.add(m);
        }
        return sent;
    }
}
