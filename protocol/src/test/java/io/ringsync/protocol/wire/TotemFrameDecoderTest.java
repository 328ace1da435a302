package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ringsync.config.NodeEntry;
import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Round trips and rejections of the Totem templates (TotemToken, TotemMcast), node 1 decoding. */
class TotemFrameDecoderTest {

    private static final int VERSION_OFFSET = 6;
    /** Header 8 + token block 69: the rtr group header starts here. */
    private static final int RTR_GROUP_OFFSET = 8 + 69;
    /** Header 8 + mcast block 37: the payload length prefix starts here. */
    private static final int PAYLOAD_LENGTH_OFFSET = 8 + 37;

    private final List<NodeEntry> nodes = TestSettings.loopbackNodes(3);
    private final FrameDecoder decoder =
            new FrameDecoder(TestSettings.node(1, nodes, Path.of("/tmp/unused"), TestSettings.FAST_LINKS));
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));
    private final CodecUnderTest codec = new CodecUnderTest(encoder, decoder);
    private final int maxPayload = FrameDecoder.maxPayloadBytes(TestSettings.transport().termLengthBytes());

    private static TotemTokenFrame token(List<Long> rtr) {
        return new TotemTokenFrame(3, 1, 1, 7, 120, 55, 100, 2, 4, 17, true, rtr);
    }

    private static TotemMcastFrame mcast(int senderNodeId, byte[] payload) {
        return new TotemMcastFrame(senderNodeId, 1, 1, 7, 42, 1, true, payload);
    }

    private static List<Long> seqs(int count) {
        List<Long> out = new ArrayList<>();
        for (long s = 1; s <= count; s++) {
            out.add(100 + s);
        }
        return out;
    }

    @Test
    void tokensRoundTrip() {
        codec.assertRoundTrip(token(List.of()));
        codec.assertRoundTrip(token(seqs(FrameDecoder.MAX_RTR_ENTRIES)));
        codec.assertRoundTrip(new TotemTokenFrame(2, 1, 1, 0, 0, 0, 0, 0, 0, 0, false, List.of()));
        codec.assertRoundTrip(new TotemTokenFrame(2, 1, 9, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                3, Long.MAX_VALUE, Long.MAX_VALUE, false, List.of(Long.MAX_VALUE)));
    }

    @Test
    void mcastsRoundTripIncludingARetransmissionOfOurOwnMessage() {
        codec.assertRoundTrip(mcast(2, new byte[0]));
        codec.assertRoundTrip(mcast(3, new byte[] {1, 2, 3}));
        codec.assertRoundTrip(new TotemMcastFrame(2, 1, 1, 7, 1, 3, false, new byte[maxPayload]));
    }

    @Test
    void everyTruncationIsDropped() {
        codec.assertEveryPrefixTruncated(token(seqs(3)));
        codec.assertEveryPrefixTruncated(mcast(2, new byte[] {9, 8, 7, 6, 5}));
    }

    @Test
    void rtrCountAboveThirtyIsDroppedBeforeReading() {
        UnsafeBuffer frame = codec.copy(token(seqs(2)));
        int length = encoder.encode(token(seqs(2)));
        frame.putShort(RTR_GROUP_OFFSET + 2, (short) (FrameDecoder.MAX_RTR_ENTRIES + 1));
        assertEquals(DropReason.BAD_GROUP_COUNT, decoder.decode(frame, 0, length));
        frame.putShort(RTR_GROUP_OFFSET + 2, (short) 0xFFFF);
        assertEquals(DropReason.BAD_GROUP_COUNT, decoder.decode(frame, 0, length));
        frame.putShort(RTR_GROUP_OFFSET + 2, (short) 3);
        assertEquals(DropReason.TRUNCATED, decoder.decode(frame, 0, length), "count 3 but 2 entries");
        frame.putShort(RTR_GROUP_OFFSET + 2, (short) 2);
        frame.putShort(RTR_GROUP_OFFSET, (short) 4);
        assertEquals(DropReason.BAD_LENGTH, decoder.decode(frame, 0, length), "entry shorter than its seq");
        assertEquals(2, decoder.dropCounts().get(DropReason.BAD_GROUP_COUNT));
    }

    @Test
    void payloadLengthIsCheckedBeforeReading() {
        UnsafeBuffer frame = codec.copy(mcast(2, new byte[] {1, 2}));
        int length = encoder.encode(mcast(2, new byte[] {1, 2}));
        frame.putInt(PAYLOAD_LENGTH_OFFSET, maxPayload + 1);
        assertEquals(DropReason.BAD_LENGTH, decoder.decode(frame, 0, length));
        frame.putInt(PAYLOAD_LENGTH_OFFSET, -1);
        assertEquals(DropReason.BAD_LENGTH, decoder.decode(frame, 0, length), "uint32 above 2^31");
        frame.putInt(PAYLOAD_LENGTH_OFFSET, 3);
        assertEquals(DropReason.TRUNCATED, decoder.decode(frame, 0, length));
    }

    @Test
    void fieldsOutOfRangeAreDropped() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemTokenFrame(2, 1, 1, 7, 5, 1, 6, 0, 0, 0, false, List.of())),
                "aru above seq");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemTokenFrame(2, 1, 0, 7, 5, 1, 5, 0, 0, 0, false, List.of())),
                "rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemTokenFrame(2, 1, 1, 7, -1, 1, 0, 0, 0, 0, false, List.of())),
                "seq above 2^63 - 1");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(token(List.of(0L))), "rtr seq 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemMcastFrame(2, 1, 1, 7, 0, 2, false, new byte[1])),
                "mcast seq 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemMcastFrame(2, 1, 1, 7, 1, 9, false, new byte[1])),
                "origin not in the nodelist");
    }

    @Test
    void addressingIsCheckedAsForLinkFrames() {
        assertEquals(DropReason.WRONG_TARGET, codec.decodeFresh(new TotemMcastFrame(2, 3, 1, 7, 1, 2, false, new byte[1])));
        assertEquals(DropReason.SELF_SENDER, codec.decodeFresh(mcast(1, new byte[1])));
        assertEquals(DropReason.UNKNOWN_SENDER, codec.decodeFresh(mcast(9, new byte[1])));
    }

    @Test
    void totemTemplateClaimedByAVersionOneHeaderIsUnknown() {
        UnsafeBuffer frame = codec.copy(token(List.of()));
        int length = encoder.encode(token(List.of()));
        frame.putShort(VERSION_OFFSET, (short) 1);
        assertEquals(DropReason.UNKNOWN_TYPE, decoder.decode(frame, 0, length));
    }

    @Test
    void seededGarbageAndFlipsNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<LongFunction<WireFrame>> shapes = List.of(
                r -> token(seqs((int) (r & 7))),
                r -> mcast(2, new byte[(int) (r & 63)]));
        for (int i = 0; i < 20_000; i++) {
            WireFrame frame = shapes.get(i % 2).apply(random.nextLong());
            int length = encoder.encode(frame);
            UnsafeBuffer bytes = codec.copy(frame);
            for (int f = 1 + random.nextInt(4); f > 0; f--) {
                int at = random.nextInt(length);
                bytes.putByte(at, (byte) (bytes.getByte(at) ^ (1 + random.nextInt(255))));
            }
            int cut = random.nextInt(4) == 0 ? random.nextInt(length + 1) : length;
            assertNotNull(decodeOrFail(bytes, cut, seed), "seed " + seed);
        }
    }

    private DecodeResult decodeOrFail(UnsafeBuffer buffer, int length, long seed) {
        try {
            return decoder.decode(buffer, 0, length);
        } catch (RuntimeException e) {
            throw new AssertionError("decoder threw with seed " + seed, e);
        }
    }

}
