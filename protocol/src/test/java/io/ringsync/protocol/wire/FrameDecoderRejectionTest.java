package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ringsync.config.NodeEntry;
import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FrameDecoderRejectionTest {

    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int SCHEMA_ID_OFFSET = 4;
    private static final int VERSION_OFFSET = 6;

    private final List<NodeEntry> nodes = TestSettings.loopbackNodes(3);
    private final FrameDecoder decoder =
            new FrameDecoder(TestSettings.node(1, nodes, Path.of("/tmp/unused"), TestSettings.FAST_LINKS));
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));

    @Test
    void everyTruncationIsDropped() {
        UnsafeBuffer frame = encode(new LinkPing(2, 1, 0, 1, 2));
        int full = encoder.encode(new LinkPing(2, 1, 0, 1, 2));
        for (int length = 0; length < full; length++) {
            UnsafeBuffer prefix = new UnsafeBuffer(new byte[length]);
            prefix.putBytes(0, frame, 0, length);
            assertEquals(DropReason.TRUNCATED, decoder.decode(prefix, 0, length), "prefix length " + length);
        }
        assertEquals(full, decoder.dropCounts().get(DropReason.TRUNCATED));
    }

    @Test
    void lengthBeyondBufferIsTruncatedNotThrown() {
        UnsafeBuffer frame = encode(new LinkPing(2, 1, 0, 1, 2));
        assertEquals(DropReason.TRUNCATED, decoder.decode(frame, 1020, 37));
        assertEquals(DropReason.TRUNCATED, decoder.decode(frame, -1, 37));
    }

    @Test
    void badHeaderFieldsAreDroppedWithTheirReason() {
        assertDropped(DropReason.UNKNOWN_SCHEMA, SCHEMA_ID_OFFSET, 0x1234);
        assertDropped(DropReason.UNSUPPORTED_VERSION, VERSION_OFFSET, 0);
        assertDropped(DropReason.UNKNOWN_TYPE, TEMPLATE_ID_OFFSET, 99);
        assertDropped(DropReason.BAD_BLOCK_LENGTH, BLOCK_LENGTH_OFFSET, 0xFFFF);
        assertDropped(DropReason.BAD_BLOCK_LENGTH, BLOCK_LENGTH_OFFSET, 28);
        assertDropped(DropReason.TRUNCATED, BLOCK_LENGTH_OFFSET, 200);
    }

    @Test
    void newerVersionWithLongerBlockIsRead() {
        UnsafeBuffer frame = encode(new LinkPong(2, 1, 0, 5, 6));
        frame.putShort(VERSION_OFFSET, (short) 3);
        frame.putShort(BLOCK_LENGTH_OFFSET, (short) 40);
        assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(frame, 0, 8 + 40));
    }

    @Test
    void foreignClusterIsDropped() {
        FrameEncoder other = new FrameEncoder(ClusterHash.of("other"));
        int length = other.encode(new LinkPing(2, 1, 0, 1, 2));
        assertEquals(DropReason.FOREIGN_CLUSTER, decoder.decode(other.buffer(), 0, length));
        assertEquals(1, decoder.dropCounts().get(DropReason.FOREIGN_CLUSTER));
    }

    @Test
    void addressingProblemsAreDropped() {
        assertEquals(DropReason.UNKNOWN_SENDER, decodeFresh(new LinkPing(9, 1, 0, 1, 2)));
        assertEquals(DropReason.SELF_SENDER, decodeFresh(new LinkPong(1, 1, 0, 1, 2)));
        assertEquals(DropReason.WRONG_TARGET, decodeFresh(new LinkPing(2, 3, 0, 1, 2)));
        assertEquals(DropReason.UNKNOWN_LINK, decodeFresh(new LinkPing(2, 1, 1, 1, 2)));
        assertEquals(1, decoder.dropCounts().get(DropReason.UNKNOWN_SENDER));
    }

    @Test
    void randomGarbageNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length >= 8 && random.nextBoolean()) {
                bytes[4] = 0x53; // schema id 0x5253, so the deeper checks run too
                bytes[5] = 0x52;
            }
            assertNotNull(decodeOrFail(new UnsafeBuffer(bytes), bytes.length, seed), "seed " + seed);
        }
    }

    @Test
    void flippedBytesNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            UnsafeBuffer frame = encode(new LinkPong(2, 1, 0, random.nextLong(), random.nextLong()));
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(37);
                frame.putByte(at, (byte) (frame.getByte(at) ^ (1 + random.nextInt(255))));
            }
            assertNotNull(decodeOrFail(frame, 37, seed), "seed " + seed);
        }
    }

    private DecodeResult decodeOrFail(UnsafeBuffer buffer, int length, long seed) {
        try {
            return decoder.decode(buffer, 0, length);
        } catch (RuntimeException e) {
            throw new AssertionError("decoder threw with seed " + seed, e);
        }
    }

    private DecodeResult decodeFresh(WireFrame frame) {
        int length = encoder.encode(frame);
        return decoder.decode(encoder.buffer(), 0, length);
    }

    private void assertDropped(DropReason expected, int offset, int value) {
        UnsafeBuffer frame = encode(new LinkPing(2, 1, 0, 1, 2));
        frame.putShort(offset, (short) value);
        assertEquals(expected, decoder.decode(frame, 0, 37), expected + " at offset " + offset);
    }

    private UnsafeBuffer encode(WireFrame frame) {
        int length = encoder.encode(frame);
        UnsafeBuffer copy = new UnsafeBuffer(new byte[FrameEncoder.BUFFER_CAPACITY]);
        copy.putBytes(0, encoder.buffer(), 0, length);
        return copy;
    }
}
