package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.Delivery.AGREED;
import static io.ringsync.protocol.totem.pg.PgFixtures.bytes;
import static io.ringsync.protocol.totem.pg.PgFixtures.contents;
import static io.ringsync.protocol.totem.pg.PgFixtures.drain;
import static io.ringsync.protocol.totem.pg.PgFixtures.message;
import static io.ringsync.protocol.totem.pg.PgFixtures.unpack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Unpacker}: reassembly per sender, {@link Unpacker#senderLeft}, and each drop reason. */
class UnpackerTest {

    private static final int MAX = 100;
    /** A FIRST fragment of 1 byte of a 3-byte message, leaving the sender with an unfinished one. */
    private static final byte[] FIRST_1_OF_3 = bytes(1, 1, 0, 1, 1, 3, 9);

    @Test
    void interleavedSendersAreReassembledSeparately() {
        List<Chunk> a = chunksOf(message(150, 1), message(3, 2));
        List<Chunk> b = chunksOf(message(90, 3));
        Unpacker unpacker = new Unpacker(MAX * 2);
        assertEquals(List.of(), unpacker.onChunk(1, a.get(0).bytes()));
        assertEquals(List.of(), unpacker.onChunk(2, b.get(0).bytes()));
        assertEquals(2, unpacker.partialCount());
        List<byte[]> fromA = unpack(unpacker, 1, a.subList(1, a.size()));
        List<byte[]> fromB = unpack(unpacker, 2, b.subList(1, b.size()));
        assertEquals(contents(List.of(message(150, 1), message(3, 2))), contents(fromA));
        assertEquals(contents(List.of(message(90, 3))), contents(fromB));
        assertEquals(0, unpacker.partialCount());
        assertEquals(0, unpacker.droppedTotal());
    }

    @Test
    void senderLeftDiscardsThePartialAndTheSendersNextMessageIsReassembled() {
        List<Chunk> chunks = chunksOf(message(200, 1));
        assertEquals(4, chunks.size());
        Unpacker unpacker = new Unpacker(MAX * 2);
        unpack(unpacker, 3, chunks.subList(0, 2));
        assertEquals(1, unpacker.partialCount());
        assertEquals(57 + 59, unpacker.bufferedBytes(), "FIRST and MIDDLE data of 64-byte chunks");
        unpacker.senderLeft(3);
        unpacker.senderLeft(4);
        assertEquals(0, unpacker.partialCount());
        assertEquals(0, unpacker.bufferedBytes());
        assertEquals(1, unpacker.discardedPartials());
        assertEquals(List.of(), unpacker.onChunk(3, chunks.get(2).bytes()), "the rest of the old message");
        assertEquals(1, unpacker.dropped(DropReason.ORPHAN_CONTINUATION));
        List<byte[]> next = unpack(unpacker, 3, chunksOf(message(120, 2)));
        assertEquals(1, next.size());
        assertArrayEquals(message(120, 2), next.get(0));
    }

    @Test
    void aDropDiscardsOnlyThatSendersPartial() {
        Unpacker unpacker = new Unpacker(MAX);
        unpacker.onChunk(1, FIRST_1_OF_3);
        unpacker.onChunk(2, FIRST_1_OF_3);
        assertEquals(List.of(), unpacker.onChunk(1, bytes(7)));
        assertEquals(1, unpacker.dropped(DropReason.BAD_VERSION));
        assertEquals(1, unpacker.partialCount());
        assertArrayEquals(bytes(9, 8, 8), unpacker.onChunk(2, bytes(1, 1, 0, 3, 2, 8, 8)).get(0));
        assertEquals(List.of(), unpacker.onChunk(1, bytes(1, 1, 0, 3, 2, 8, 8)));
        assertEquals(2, unpacker.droppedTotal());
        assertEquals(1, unpacker.drops().get(DropReason.ORPHAN_CONTINUATION));
    }

    @Test
    void aForgedTwoGibHeaderIsRefusedAndAnAllowedHugeTotalHoldsOnlyWhatArrived() {
        byte[] forged = bytes(1, 1, 0, 1, 10, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Unpacker unpacker = new Unpacker(PackingQueue.DEFAULT_MAX_MESSAGE_BYTES);
        assertEquals(List.of(), unpacker.onChunk(1, forged));
        assertEquals(1, unpacker.dropped(DropReason.TOO_LARGE));
        assertEquals(0, unpacker.partialCount());
        byte[] overInt = bytes(1, 1, 0, 1, 1, 0x80, 0x80, 0x80, 0x80, 0x08, 1);
        assertEquals(List.of(), unpacker.onChunk(1, overInt));
        assertEquals(1, unpacker.dropped(DropReason.BAD_VARINT));

        Unpacker lax = new Unpacker(Integer.MAX_VALUE);
        assertEquals(List.of(), lax.onChunk(1, forged));
        assertEquals(1, lax.partialCount());
        assertEquals(10, lax.bufferedBytes(), "2 GiB declared, 10 bytes held");
        lax.onChunk(1, bytes(1, 1, 0, 2, 3, 1, 2, 3));
        assertEquals(13, lax.bufferedBytes());
        lax.senderLeft(1);
        assertEquals(0, lax.bufferedBytes());
        assertEquals(0, lax.droppedTotal());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedChunkIsDroppedWholeCountedAndDiscardsThePartial(String name, DropReason reason, byte[] before,
            byte[] chunk) {
        Unpacker unpacker = new Unpacker(MAX);
        if (before != null) {
            assertEquals(List.of(), unpacker.onChunk(5, before));
            assertEquals(1, unpacker.partialCount());
        }
        assertEquals(List.of(), unpacker.onChunk(5, chunk));
        assertEquals(1, unpacker.dropped(reason), () -> "drops " + unpacker.drops());
        assertEquals(1, unpacker.droppedTotal());
        assertEquals(0, unpacker.partialCount());
        assertEquals(0, unpacker.bufferedBytes());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                drop("no bytes", DropReason.EMPTY, null, bytes()),
                drop("null", DropReason.EMPTY, null, null),
                drop("no entries", DropReason.EMPTY, null, bytes(1, 0, 0)),
                drop("version 2", DropReason.BAD_VERSION, null, bytes(2, 1, 0, 0, 0)),
                drop("version 0", DropReason.BAD_VERSION, FIRST_1_OF_3, bytes(0)),
                drop("half a header", DropReason.TRUNCATED, null, bytes(1, 1)),
                drop("fewer entries than counted", DropReason.TRUNCATED, null, bytes(1, 2, 0, 0, 0)),
                drop("data cut", DropReason.TRUNCATED, null, bytes(1, 1, 0, 0, 2, 9)),
                drop("varint cut", DropReason.TRUNCATED, null, bytes(1, 1, 0, 0, 0x80)),
                drop("kind without length", DropReason.TRUNCATED, null, bytes(1, 1, 0, 0)),
                drop("non-minimal varint", DropReason.BAD_VARINT, null, bytes(1, 1, 0, 0, 0x80, 0)),
                drop("six-byte varint", DropReason.BAD_VARINT, null, bytes(1, 1, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 1)),
                drop("varint 2^32-1", DropReason.BAD_VARINT, null, bytes(1, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)),
                drop("kind 4", DropReason.BAD_KIND, null, bytes(1, 1, 0, 4, 0)),
                drop("a valid WHOLE then kind 255", DropReason.BAD_KIND, null, bytes(1, 2, 0, 0, 1, 7, 0xFF, 0)),
                drop("WHOLE above max", DropReason.TOO_LARGE, null, wholeOf(MAX + 1)),
                drop("FIRST total above max", DropReason.TOO_LARGE, null, bytes(1, 1, 0, 1, 1, MAX + 1, 9)),
                drop("empty FIRST", DropReason.BAD_FRAGMENT, null, bytes(1, 1, 0, 1, 0, 5)),
                drop("FIRST as long as its total", DropReason.BAD_FRAGMENT, null, bytes(1, 1, 0, 1, 3, 3, 1, 2, 3)),
                drop("MIDDLE reaching the total", DropReason.BAD_FRAGMENT, FIRST_1_OF_3, bytes(1, 1, 0, 2, 2, 8, 8)),
                drop("empty MIDDLE", DropReason.BAD_FRAGMENT, FIRST_1_OF_3, bytes(1, 1, 0, 2, 0)),
                drop("LAST short", DropReason.BAD_FRAGMENT, FIRST_1_OF_3, bytes(1, 1, 0, 3, 1, 8)),
                drop("LAST long", DropReason.BAD_FRAGMENT, FIRST_1_OF_3, bytes(1, 1, 0, 3, 3, 8, 8, 8)),
                drop("LAST without FIRST", DropReason.ORPHAN_CONTINUATION, null, bytes(1, 1, 0, 3, 1, 9)),
                drop("MIDDLE without FIRST", DropReason.ORPHAN_CONTINUATION, null, bytes(1, 1, 0, 2, 1, 9)),
                drop("LAST after a WHOLE", DropReason.ORPHAN_CONTINUATION, null, bytes(1, 2, 0, 0, 0, 3, 1, 9)),
                drop("WHOLE before the LAST", DropReason.INTERRUPTED, FIRST_1_OF_3, bytes(1, 1, 0, 0, 0)),
                drop("FIRST before the LAST", DropReason.INTERRUPTED, FIRST_1_OF_3, FIRST_1_OF_3),
                drop("FIRST then LAST in one chunk", DropReason.MISPLACED_FRAGMENT, null,
                        bytes(1, 2, 0, 1, 1, 3, 9, 3, 2, 8, 8)),
                drop("a byte after the last entry", DropReason.TRAILING_BYTES, null, bytes(1, 1, 0, 0, 0, 99)));
    }

    private static Arguments drop(String name, DropReason reason, byte[] before, byte[] chunk) {
        return Arguments.of(name, reason, before, chunk);
    }

    private static byte[] wholeOf(int length) {
        byte[] chunk = new byte[5 + length];
        chunk[0] = ChunkFormat.VERSION;
        chunk[1] = 1;
        chunk[4] = (byte) length;
        return chunk;
    }

    private static List<Chunk> chunksOf(byte[]... messages) {
        PackingQueue queue = new PackingQueue(64, 100, MAX * 2);
        for (byte[] m : messages) {
            queue.offer(AGREED, m);
        }
        return drain(queue);
    }
}
