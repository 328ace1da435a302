package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.TotemMcastEncoder;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TransportSettings;
import io.ringsync.protocol.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The cluster the frame decoder is fuzzed in, and the seed corpus: one or more valid frames
 * of every type, encoded by {@link FrameEncoder}, and a few frames each dropped for another
 * reason, each with the outcome it must have.
 */
final class FrameFuzzing {

    static final String CLUSTER = "test";
    static final int LOCAL_NODE = 1;
    static final Set<Integer> NODE_IDS = Set.of(1, 2, 3, 4, 5);
    static final int LINKS = 2;
    /** Corosync-sized terms (1 MiB, the default): payloads up to 128 KiB less the overhead. */
    static final int TERM_LENGTH_BYTES = 1024 * 1024;
    static final int MAX_PAYLOAD_BYTES = FrameDecoder.maxPayloadBytes(TERM_LENGTH_BYTES);

    /** Header 8 + the mcast block: the payload length prefix. */
    private static final int PAYLOAD_LENGTH_OFFSET = 8 + TotemMcastEncoder.BLOCK_LENGTH;
    /** Header 8 + token block 69 + the group header's entry length: the rtr count. */
    private static final int RTR_COUNT_OFFSET = 8 + 69 + 2;

    private FrameFuzzing() {
    }

    /** Node 1 of nodes 1..5, two links each, default 1 MiB terms. */
    static RingsyncSettings settings() {
        List<NodeEntry> nodes = new ArrayList<>();
        for (int id : NODE_IDS.stream().sorted().toList()) {
            nodes.add(new NodeEntry(id, "node" + id, 1, List.of(
                    new LinkAddress("127.0.0." + id, 5405), new LinkAddress("127.0.1." + id, 5405))));
        }
        TransportSettings transport = new TransportSettings(TERM_LENGTH_BYTES, 1408, true, "backoff", 20_000, 20_000, 16, 30_000);
        return TestSettings.node(LOCAL_NODE, nodes, Path.of("/tmp/unused"), TestSettings.FAST_LINKS, transport);
    }

    /** A seed and what decoding it as node 1 must give: "decoded" or a drop reason's name. */
    record Seed(byte[] bytes, String outcome) {
    }

    /** The decoder's seed corpus, by file name. */
    static Map<String, Seed> decoderSeeds() {
        FrameEncoder encoder = new FrameEncoder(ClusterHash.of(CLUSTER));
        Map<String, Seed> seeds = new LinkedHashMap<>();
        for (Map.Entry<String, WireFrame> valid : validFrames().entrySet()) {
            seeds.put("valid-" + valid.getKey(), new Seed(bytes(encoder, valid.getValue()), "decoded"));
        }
        seeds.put("drop-foreign-cluster", new Seed(
                bytes(new FrameEncoder(ClusterHash.of("other")), validFrames().get("link-ping")), "FOREIGN_CLUSTER"));
        seeds.put("drop-wrong-target", new Seed(bytes(encoder, new LinkPing(3, 2, 0, 9, 1_000)), "WRONG_TARGET"));
        seeds.put("drop-unknown-link", new Seed(bytes(encoder, new LinkPing(3, 1, 2, 9, 1_000)), "UNKNOWN_LINK"));
        byte[] token = bytes(encoder, validFrames().get("totem-token"));
        seeds.put("drop-truncated-token", new Seed(Arrays.copyOf(token, token.length - 5), "TRUNCATED"));
        byte[] mcast = bytes(encoder, validFrames().get("totem-mcast"));
        new UnsafeBuffer(mcast).putInt(PAYLOAD_LENGTH_OFFSET, MAX_PAYLOAD_BYTES + 1);
        seeds.put("drop-mcast-payload-over-cap", new Seed(mcast, "BAD_LENGTH"));
        byte[] rtr = bytes(encoder, validFrames().get("totem-token"));
        new UnsafeBuffer(rtr).putShort(RTR_COUNT_OFFSET, (short) (FrameDecoder.MAX_RTR_ENTRIES + 1));
        seeds.put("drop-token-rtr-over-cap", new Seed(rtr, "BAD_GROUP_COUNT"));
        seeds.put("drop-unknown-schema", new Seed("not a ringsync frame".getBytes(StandardCharsets.US_ASCII),
                "UNKNOWN_SCHEMA"));
        return seeds;
    }

    /** One or more valid frames of every type, sent to node 1. */
    static Map<String, WireFrame> validFrames() {
        Map<String, WireFrame> frames = new LinkedHashMap<>();
        frames.put("link-ping", new LinkPing(2, 1, 0, 7, 123_456_789L));
        frames.put("link-pong", new LinkPong(3, 1, 1, 7, 123_456_789L));
        frames.put("totem-token", new TotemTokenFrame(3, 1, 1, 7, 120, 55, 100, 2, 4, 17, true,
                List.of(101L, 102L, 105L)));
        frames.put("totem-token-first", new TotemTokenFrame(2, 1, 1, 0, 0, 0, 0, 0, 0, 0, false, List.of()));
        frames.put("totem-mcast", new TotemMcastFrame(2, 1, 1, 7, 42, 3, true,
                "a message to the ring".getBytes(StandardCharsets.US_ASCII)));
        frames.put("totem-join", new TotemJoinFrame(3, 1, ids(1, 5), List.of(), 12));
        frames.put("totem-join-failed", new TotemJoinFrame(2, 1, List.of(1, 2, 3), List.of(4, 5), 12));
        frames.put("totem-commit-token", new TotemCommitTokenFrame(3, 1, 7, 1, 12, 3, ids(1, 5), List.of(
                new TotemCommitTokenFrame.Entry(1, 8, 140, 138, false),
                new TotemCommitTokenFrame.Entry(1, 8, 150, 148, true),
                new TotemCommitTokenFrame.Entry(3, 4, 33, 31, true))));
        frames.put("totem-merge-detect", new TotemMergeDetectFrame(4, 1, 2, 9));
        frames.put("totem-mcast-encapsulated", new TotemMcastFrame(2, 1, 1, 9, 3, 2, false,
                "an old-ring message".getBytes(StandardCharsets.US_ASCII),
                new TotemMcastFrame.Encapsulated(1, 7, 41, 3, true)));
        frames.put("totem-token-hold-cancel", new TotemTokenHoldCancelFrame(3, 1, 1, 9));
        return frames;
    }

    private static List<Integer> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static byte[] bytes(FrameEncoder encoder, WireFrame frame) {
        int length = encoder.encode(frame);
        byte[] out = new byte[length];
        encoder.buffer().getBytes(0, out);
        return out;
    }
}
