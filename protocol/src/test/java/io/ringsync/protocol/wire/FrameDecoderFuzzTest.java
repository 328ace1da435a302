package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringsync.protocol.SeedCorpus;
import io.ringsync.protocol.totem.MembershipFrames;
import io.ringsync.protocol.totem.TotemFrames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link FrameDecoder#decode} over arbitrary bytes, as node 1 of the 5-node, 2-link
 * cluster of {@link FrameFuzzing#settings()} with 1 MiB terms. The contract checked on every
 * input: the result is a frame or a {@link DropReason} counted once, never an exception; bytes
 * outside the given range are never read; a decoded frame is within every bound (sender and
 * listed ids in the nodelist, target and link number ours, rtr and payload caps, commit token
 * entries = membIndex), maps to its Totem value without an exception, and encodes back to
 * bytes that decode to an equal frame.
 *
 * <p>{@code mvn verify} replays the seed corpus in
 * {@code src/test/resources/io/ringsync/protocol/wire/FrameDecoderFuzzTestInputs/decode};
 * {@code JAZZER_FUZZ=1} fuzzes (the command is in SECURITY-NOTES.md).
 */
class FrameDecoderFuzzTest {

    /** Bytes of another frame on each side, as in an Aeron term: reading them would change the result. */
    private static final int SLACK = 7;

    private final FrameDecoder decoder = new FrameDecoder(FrameFuzzing.settings());
    private final FrameDecoder checkDecoder = new FrameDecoder(FrameFuzzing.settings());
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of(FrameFuzzing.CLUSTER));

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[data.length + 2 * SLACK]);
        buffer.setMemory(0, buffer.capacity(), (byte) 0x7F);
        buffer.putBytes(SLACK, data);
        Map<DropReason, Long> before = decoder.dropCounts();
        DecodeResult result = decoder.decode(buffer, SLACK, data.length);
        if (result instanceof DropReason reason) {
            assertEquals(before.get(reason) + 1, decoder.dropCounts().get(reason), "every drop is counted once");
            return;
        }
        assertEquals(before, decoder.dropCounts(), "a decoded frame counts no drop");
        WireFrame frame = ((DecodeResult.Decoded) result).frame();
        checkBounds(frame, data.length);
        int length = encoder.encode(frame);
        assertEquals(result, checkDecoder.decode(encoder.buffer(), 0, length), "the re-encoded frame decodes equal");
    }

    @Test
    void seedCorpusIsCurrentAndEachSeedHasItsOutcome() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        FrameFuzzing.decoderSeeds().forEach((name, seed) -> {
            DecodeResult result = new FrameDecoder(FrameFuzzing.settings())
                    .decode(new UnsafeBuffer(seed.bytes()), 0, seed.bytes().length);
            assertEquals(seed.outcome(), result instanceof DropReason reason ? reason.name() : "decoded", name);
            files.put(name, seed.bytes());
        });
        SeedCorpus.checkOrWrite(FrameDecoderFuzzTest.class, "decode", files);
    }

    private static void checkBounds(WireFrame frame, int inputLength) {
        int sender = frame.senderNodeId();
        assertTrue(FrameFuzzing.NODE_IDS.contains(sender) && sender != FrameFuzzing.LOCAL_NODE, "sender " + sender);
        if (frame instanceof LinkPing p) {
            assertLink(p.targetNodeId(), p.linkNumber());
        } else if (frame instanceof LinkPong p) {
            assertLink(p.targetNodeId(), p.linkNumber());
        } else if (frame instanceof TotemTokenFrame t) {
            assertTrue(t.rtrList().size() <= FrameDecoder.MAX_RTR_ENTRIES, "rtr entries " + t.rtrList().size());
            TotemFrames.toToken(t);
        } else if (frame instanceof TotemMcastFrame m) {
            assertTrue(m.payload().length <= FrameFuzzing.MAX_PAYLOAD_BYTES && m.payload().length < inputLength,
                    "payload of " + m.payload().length + " bytes from " + inputLength + " input bytes");
            TotemFrames.toMessage(m);
        } else if (frame instanceof TotemJoinFrame j) {
            assertTrue(FrameFuzzing.NODE_IDS.containsAll(j.procList()), "proc list " + j.procList());
            assertTrue(FrameFuzzing.NODE_IDS.containsAll(j.failedList()), "failed list " + j.failedList());
            MembershipFrames.toJoin(j);
        } else if (frame instanceof TotemCommitTokenFrame c) {
            assertTrue(FrameFuzzing.NODE_IDS.containsAll(c.members()), "members " + c.members());
            assertEquals(c.membIndex(), c.entries().size(), "commit token entries");
            MembershipFrames.toCommitToken(c);
        } else if (frame instanceof TotemTokenHoldCancelFrame h) {
            TotemFrames.toHoldCancel(h);
        } else {
            MembershipFrames.toMergeDetect((TotemMergeDetectFrame) frame);
        }
    }

    private static void assertLink(int target, int linkNumber) {
        assertEquals(FrameFuzzing.LOCAL_NODE, target, "target");
        assertTrue(linkNumber >= 0 && linkNumber < FrameFuzzing.LINKS, "link " + linkNumber);
    }
}
