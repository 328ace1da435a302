package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.JoinMessage;
import io.ringsync.protocol.totem.membership.MemberEntry;
import io.ringsync.protocol.totem.membership.MergeDetect;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.TotemCommitTokenFrame;
import io.ringsync.protocol.wire.TotemJoinFrame;
import io.ringsync.protocol.wire.TotemMergeDetectFrame;
import io.ringsync.protocol.wire.WireFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** JoinMessage, CommitToken and MergeDetect survive mapping, encoding, decoding and mapping back; decoded garbage always maps. */
class MembershipFramesTest {

    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));
    private final FrameDecoder decoder = new FrameDecoder(
            TestSettings.node(1, TestSettings.loopbackNodes(5), Path.of("/tmp/unused"), TestSettings.FAST_LINKS));

    /** A 5-node commit token in rotation 1 with 3 entries filled through {@link CommitToken#fill}. */
    private static CommitToken threeFilled() {
        RingId oldA = new RingId(1, 8);
        RingId oldB = new RingId(3, 4);
        return CommitToken.create(new RingId(1, 12), List.of(1, 2, 3, 4, 5))
                .fill(new MemberEntry(oldA, 140, 138, true))
                .fill(new MemberEntry(oldA, 150, 149, true))
                .fill(new MemberEntry(oldB, 33, 33, true));
    }

    @Test
    void joinsAndLeavesRoundTrip() {
        JoinMessage join = new JoinMessage(3, List.of(5, 1, 2, 3, 4), List.of(), 12);
        TotemJoinFrame frame = (TotemJoinFrame) wire(MembershipFrames.toFrame(1, join));
        assertEquals(3, frame.senderNodeId());
        assertEquals(join, MembershipFrames.toJoin(frame));
        JoinMessage leave = JoinMessage.leave(2, List.of(1, 2, 3), 12);
        assertEquals(leave, MembershipFrames.toJoin((TotemJoinFrame) wire(MembershipFrames.toFrame(1, leave))));
    }

    @Test
    void commitTokensRoundTripInBothRotations() {
        CommitToken token = threeFilled();
        assertEquals(3, token.membIndex());
        assertEquals(false, token.entries().get(0).receivedFlag(), "fill cleared the lower aru's flag");
        assertEquals(token, MembershipFrames.toCommitToken((TotemCommitTokenFrame) wire(MembershipFrames.toFrame(3, 1, token))));
        CommitToken full = token.fill(new MemberEntry(new RingId(3, 4), 30, 30, true))
                .fill(new MemberEntry(new RingId(5, 2), 0, 0, true)).hop();
        assertEquals(full, MembershipFrames.toCommitToken((TotemCommitTokenFrame) wire(MembershipFrames.toFrame(5, 1, full))));
        CommitToken created = CommitToken.create(new RingId(1, 16), List.of(1, 4));
        assertEquals(created, MembershipFrames.toCommitToken((TotemCommitTokenFrame) wire(MembershipFrames.toFrame(4, 1, created))));
    }

    @Test
    void mergeDetectRoundTrips() {
        MergeDetect detect = new MergeDetect(2, new RingId(2, 40));
        assertEquals(detect, MembershipFrames.toMergeDetect((TotemMergeDetectFrame) wire(MembershipFrames.toFrame(1, detect))));
    }

    @Test
    void everyDecodedGarbageFrameMapsWithoutThrowing() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<WireFrame> shapes = List.of(
                MembershipFrames.toFrame(1, new JoinMessage(3, List.of(1, 2, 3, 4, 5), List.of(4), 12)),
                MembershipFrames.toFrame(3, 1, threeFilled()),
                MembershipFrames.toFrame(1, new MergeDetect(2, new RingId(2, 40))));
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            WireFrame frame = shapes.get(i % 3);
            int length = encoder.encode(frame);
            UnsafeBuffer bytes = new UnsafeBuffer(new byte[length]);
            bytes.putBytes(0, encoder.buffer(), 0, length);
            int at = 8 + random.nextInt(length - 8);
            bytes.putByte(at, (byte) (bytes.getByte(at) ^ (1 + random.nextInt(255))));
            try {
                if (decoder.decode(bytes, 0, length) instanceof DecodeResult.Decoded d) {
                    decoded++;
                    mapBack(d.frame());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + i, e);
            }
        }
        assertEquals(true, decoded > 0, "some flips leave a valid frame, seed " + seed);
    }

    private static void mapBack(WireFrame frame) {
        if (frame instanceof TotemJoinFrame j) {
            MembershipFrames.toJoin(j);
        } else if (frame instanceof TotemCommitTokenFrame c) {
            MembershipFrames.toCommitToken(c);
        } else if (frame instanceof TotemMergeDetectFrame d) {
            MembershipFrames.toMergeDetect(d);
        }
    }

    private WireFrame wire(WireFrame frame) {
        int length = encoder.encode(frame);
        return ((DecodeResult.Decoded) decoder.decode(encoder.buffer(), 0, length)).frame();
    }
}
