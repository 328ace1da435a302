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

/** Round trips and rejections of the Totem ordering templates (TotemToken, TotemMcast, TotemTokenHoldCancel), node 1 decoding. */
class TotemFrameDecoderTest {

    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int VERSION_OFFSET = 6;
    /** Header 8 + token block 69: the rtr group header starts here. */
    private static final int RTR_GROUP_OFFSET = 8 + 69;
    /** Header 8 + mcast block 63 (37 up to version 3): the payload length prefix starts here. */
    private static final int PAYLOAD_LENGTH_OFFSET = 8 + 63;
    /** The mcast's v4 fields: encapsulated flag, then the old ring id (12), seq (8), origin (4), delivery (1). */
    private static final int ENCAPSULATED_FLAG_OFFSET = 8 + 37;
    private static final int ENCAPSULATED_DELIVERY_OFFSET = ENCAPSULATED_FLAG_OFFSET + 1 + 12 + 8 + 4;

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

    /** An old-ring message of node 2 (ring 1.6 seq 40, SAFE) re-originated by node 3 on ring 1.7. */
    private static TotemMcastFrame encapsulated(byte[] payload) {
        return new TotemMcastFrame(3, 1, 1, 7, 5, 3, false, payload, new TotemMcastFrame.Encapsulated(1, 6, 40, 2, true));
    }

    private static TotemMcastFrame encapsulatedWith(TotemMcastFrame.Encapsulated origin) {
        return new TotemMcastFrame(3, 1, 1, 7, 5, 3, false, new byte[] {1}, origin);
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
    void encapsulatedMcastsRoundTripWithTheirOrigin() {
        codec.assertRoundTrip(encapsulated(new byte[0]));
        codec.assertRoundTrip(encapsulated(new byte[] {7, 7, 7}));
        codec.assertRoundTrip(encapsulatedWith(new TotemMcastFrame.Encapsulated(3, 0, Long.MAX_VALUE, 3, false)));
        codec.assertRoundTrip(new TotemMcastFrame(2, 1, 1, 7, 1, 2, false, new byte[maxPayload],
                new TotemMcastFrame.Encapsulated(2, Long.MAX_VALUE, 1, 1, true)));
    }

    @Test
    void holdCancelsRoundTrip() {
        codec.assertRoundTrip(new TotemTokenHoldCancelFrame(2, 1, 1, 7));
        codec.assertRoundTrip(new TotemTokenHoldCancelFrame(3, 1, 2, 0));
        codec.assertRoundTrip(new TotemTokenHoldCancelFrame(3, 1, 9, Long.MAX_VALUE));
    }

    @Test
    void aVersionThreeMcastHasTheShorterBlockAndIsNotEncapsulated() {
        TotemMcastFrame plain = mcast(2, new byte[] {5, 6, 7});
        int length = encoder.encode(plain);
        int v3Length = length - (PAYLOAD_LENGTH_OFFSET - ENCAPSULATED_FLAG_OFFSET);
        UnsafeBuffer v3 = new UnsafeBuffer(new byte[v3Length]);
        v3.putBytes(0, encoder.buffer(), 0, ENCAPSULATED_FLAG_OFFSET);
        v3.putBytes(ENCAPSULATED_FLAG_OFFSET, encoder.buffer(), PAYLOAD_LENGTH_OFFSET, length - PAYLOAD_LENGTH_OFFSET);
        v3.putShort(BLOCK_LENGTH_OFFSET, (short) 37);
        v3.putShort(VERSION_OFFSET, (short) 3);
        assertEquals(new DecodeResult.Decoded(plain), decoder.decode(v3, 0, v3Length));
        v3.putShort(VERSION_OFFSET, (short) 4);
        assertEquals(DropReason.BAD_BLOCK_LENGTH, decoder.decode(v3, 0, v3Length), "a v4 header needs the v4 block");
    }

    @Test
    void encapsulationFieldsOutOfRangeAreDropped() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(encapsulatedWith(new TotemMcastFrame.Encapsulated(0, 6, 40, 2, true))),
                "origin ring rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(encapsulatedWith(new TotemMcastFrame.Encapsulated(1, -6, 40, 2, true))),
                "origin ring seq above 2^63 - 1");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(encapsulatedWith(new TotemMcastFrame.Encapsulated(1, 6, 0, 2, true))),
                "origin seq 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(encapsulatedWith(new TotemMcastFrame.Encapsulated(1, 6, 40, 9, true))),
                "origin not in the nodelist");
        TotemMcastFrame frame = encapsulated(new byte[] {1});
        int length = encoder.encode(frame);
        UnsafeBuffer bytes = codec.copy(frame);
        bytes.putByte(ENCAPSULATED_DELIVERY_OFFSET, (byte) 2);
        assertEquals(DropReason.BAD_FIELD, decoder.decode(bytes, 0, length), "origin delivery 2");
        bytes = codec.copy(frame);
        bytes.putByte(ENCAPSULATED_FLAG_OFFSET, (byte) 2);
        assertEquals(DropReason.BAD_FIELD, decoder.decode(bytes, 0, length), "encapsulated flag 2");
        bytes.putByte(ENCAPSULATED_FLAG_OFFSET, (byte) 0);
        assertEquals(new DecodeResult.Decoded(mcastWithoutOrigin(frame)), decoder.decode(bytes, 0, length),
                "flag 0: the origin fields are ignored");
    }

    private static TotemMcastFrame mcastWithoutOrigin(TotemMcastFrame f) {
        return new TotemMcastFrame(f.senderNodeId(), f.targetNodeId(), f.ringRepNodeId(), f.ringSeq(), f.seq(),
                f.originNodeId(), f.safe(), f.payload());
    }

    @Test
    void holdCancelFieldsAndAddressingAreChecked() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemTokenHoldCancelFrame(2, 1, 0, 7)), "rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemTokenHoldCancelFrame(2, 1, 1, -7)), "ring seq");
        assertEquals(DropReason.WRONG_TARGET, codec.decodeFresh(new TotemTokenHoldCancelFrame(2, 3, 1, 7)));
        assertEquals(DropReason.SELF_SENDER, codec.decodeFresh(new TotemTokenHoldCancelFrame(1, 1, 1, 7)));
        assertEquals(DropReason.UNKNOWN_SENDER, codec.decodeFresh(new TotemTokenHoldCancelFrame(9, 1, 1, 7)));
    }

    @Test
    void everyTruncationIsDropped() {
        codec.assertEveryPrefixTruncated(token(seqs(3)));
        codec.assertEveryPrefixTruncated(mcast(2, new byte[] {9, 8, 7, 6, 5}));
        codec.assertEveryPrefixTruncated(encapsulated(new byte[] {4, 3}));
        codec.assertEveryPrefixTruncated(new TotemTokenHoldCancelFrame(2, 1, 1, 7));
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
    void holdCancelClaimedByAVersionThreeHeaderIsUnknown() {
        TotemTokenHoldCancelFrame cancel = new TotemTokenHoldCancelFrame(2, 1, 1, 7);
        UnsafeBuffer frame = codec.copy(cancel);
        int length = encoder.encode(cancel);
        frame.putShort(VERSION_OFFSET, (short) 3);
        assertEquals(DropReason.UNKNOWN_TYPE, decoder.decode(frame, 0, length));
    }

    @Test
    void seededGarbageAndFlipsNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<LongFunction<WireFrame>> shapes = List.of(
                r -> token(seqs((int) (r & 7))),
                r -> mcast(2, new byte[(int) (r & 63)]),
                r -> encapsulated(new byte[(int) (r & 15)]),
                r -> new TotemTokenHoldCancelFrame(2, 1, 1, r & 0xFFFF));
        for (int i = 0; i < 40_000; i++) {
            WireFrame frame = shapes.get(i % shapes.size()).apply(random.nextLong());
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
