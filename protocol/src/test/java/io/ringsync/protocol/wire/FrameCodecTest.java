package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private final RingsyncSettings node1 =
            TestSettings.node(1, TestSettings.loopbackNodes(3), Path.of("/tmp/unused"), TestSettings.FAST_LINKS);
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));
    private final FrameDecoder decoder = new FrameDecoder(node1);

    @Test
    void pingRoundTrips() {
        assertRoundTrip(new LinkPing(2, 1, 0, 42L, 123_456_789L));
        assertRoundTrip(new LinkPing(3, 1, 0, Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void pongRoundTrips() {
        assertRoundTrip(new LinkPong(3, 1, 0, 7L, -5L));
        assertRoundTrip(new LinkPong(2, 1, 0, -1L, 0L));
    }

    @Test
    void encodedLengthIsHeaderPlusBlock() {
        assertEquals(8 + 29, encoder.encode(new LinkPing(2, 1, 0, 1, 1)));
    }

    @Test
    void clusterHashIsFnv1aOfUtf8Name() {
        assertEquals(0x811C9DC5, ClusterHash.of(""));
        assertEquals(0xE40C292C, ClusterHash.of("a"));
        assertNotEquals(ClusterHash.of("test"), ClusterHash.of("tesu"));
    }

    private void assertRoundTrip(WireFrame frame) {
        int length = encoder.encode(frame);
        assertEquals(new DecodeResult.Decoded(frame), decoder.decode(encoder.buffer(), 0, length));
    }
}
