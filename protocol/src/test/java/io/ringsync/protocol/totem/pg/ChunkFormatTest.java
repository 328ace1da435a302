package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.Delivery.AGREED;
import static io.ringsync.protocol.totem.pg.PgFixtures.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.pg.ChunkFormat.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The {@link ChunkFormat} helpers: varints at their size boundaries and the fullest fragment per room. */
class ChunkFormatTest {

    @Test
    void varintsTakeOneByteMoreEverySevenBits() {
        int[][] table = {{0, 1}, {127, 1}, {128, 2}, {16_383, 2}, {16_384, 3}, {(1 << 21) - 1, 3}, {1 << 21, 4},
            {(1 << 28) - 1, 4}, {1 << 28, 5}, {Integer.MAX_VALUE, 5}};
        for (int[] row : table) {
            byte[] buffer = new byte[8];
            assertEquals(row[1], ChunkFormat.varintBytes(row[0]), "size of " + row[0]);
            assertEquals(row[1], ChunkFormat.writeVarint(buffer, 0, row[0]), "bytes written for " + row[0]);
        }
        assertArrayEquals(PgFixtures.bytes(0xAC, 0x02), Arrays.copyOf(bytesOf(300), 2));
    }

    @Test
    void wholeMessagesAtVarintBoundariesRoundTrip() {
        for (int length : new int[] {0, 1, 127, 128, 16_383, 16_384, 70_000}) {
            PackingQueue queue = new PackingQueue(80_000, 4, 80_000);
            queue.offer(AGREED, message(length, length));
            Chunk chunk = queue.poll();
            assertEquals(ChunkFormat.HEADER_BYTES + ChunkFormat.entryBytes(Kind.WHOLE, length, 0), chunk.length());
            assertArrayEquals(message(length, length), new Unpacker(80_000).onChunk(1, chunk.bytes()).get(0));
        }
    }

    @Test
    void maxDataIsTheLargestFragmentThatFits() {
        for (Kind kind : new Kind[] {Kind.FIRST, Kind.MIDDLE}) {
            for (int room = 0; room < 70_000; room++) {
                int data = ChunkFormat.maxData(kind, room, 1 << 20);
                if (data < 0) {
                    assertTrue(ChunkFormat.entryBytes(kind, 0, 1 << 20) > room, kind + " room " + room);
                } else {
                    assertTrue(ChunkFormat.entryBytes(kind, data, 1 << 20) <= room, kind + " room " + room);
                    assertTrue(ChunkFormat.entryBytes(kind, data + 1, 1 << 20) > room, kind + " room " + room);
                }
            }
        }
    }

    private static byte[] bytesOf(int value) {
        byte[] buffer = new byte[5];
        ChunkFormat.writeVarint(buffer, 0, value);
        return buffer;
    }
}
