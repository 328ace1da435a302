package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Round trips and rejections of the membership templates (TotemJoin, TotemCommitToken, TotemMergeDetect), node 1 of 5 decoding. */
class MembershipFrameDecoderTest {

    private static final int VERSION_OFFSET = 6;
    /** Header 8 + join block 20: the proc list group header starts here. */
    private static final int PROC_LIST_OFFSET = 8 + 20;
    /** Header 8 + commit token block 34: the members group header starts here. */
    private static final int MEMBERS_OFFSET = 8 + 34;
    /** Header 8 + frame header 8 + target 4 + tokenSeq 8 + ring id 12: membIndex. */
    private static final int MEMB_INDEX_OFFSET = 8 + 32;
    /** Entries group header of a 5-member commit token: members header 4 + 5 ids. */
    private static final int ENTRIES_OFFSET = MEMBERS_OFFSET + 4 + 5 * 4;
    /** The first entry's received flag: after its ring id 12, aru 8, highDelivered 8. */
    private static final int FIRST_FLAG_OFFSET = ENTRIES_OFFSET + 4 + 28;

    private final FrameDecoder decoder = decoderFor(TestSettings.loopbackNodes(5));
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));
    private final CodecUnderTest codec = new CodecUnderTest(encoder, decoder);

    private static FrameDecoder decoderFor(List<NodeEntry> nodes) {
        return new FrameDecoder(TestSettings.node(1, nodes, Path.of("/tmp/unused"), TestSettings.FAST_LINKS));
    }

    private static List<Integer> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static TotemJoinFrame join(int sender, List<Integer> procList, List<Integer> failedList) {
        return new TotemJoinFrame(sender, 1, procList, failedList, 12);
    }

    private static TotemCommitTokenFrame.Entry entry(int oldRep, long oldSeq, long aru, boolean received) {
        return new TotemCommitTokenFrame.Entry(oldRep, oldSeq, aru, aru - 2, received);
    }

    /** Five members, rotation 1 after three fills: nodes 1 and 2 from ring 1.8, node 3 from ring 3.4. */
    private static TotemCommitTokenFrame commitToken(int membIndex, List<TotemCommitTokenFrame.Entry> entries) {
        return new TotemCommitTokenFrame(3, 1, 7, 1, 12, membIndex, ids(1, 5), entries);
    }

    private static final List<TotemCommitTokenFrame.Entry> THREE_ENTRIES =
            List.of(entry(1, 8, 140, false), entry(1, 8, 150, true), entry(3, 4, 33, true));

    @Test
    void joinsRoundTrip() {
        codec.assertRoundTrip(join(3, ids(1, 5), List.of()));
        codec.assertRoundTrip(join(2, List.of(1, 2, 3), List.of(2)));
        codec.assertRoundTrip(join(4, List.of(4), ids(1, 5)));
        codec.assertRoundTrip(new TotemJoinFrame(5, 1, List.of(1, 5), List.of(3), Long.MAX_VALUE));
    }

    @Test
    void commitTokensRoundTrip() {
        codec.assertRoundTrip(commitToken(3, THREE_ENTRIES));
        codec.assertRoundTrip(commitToken(0, List.of()));
        List<TotemCommitTokenFrame.Entry> five = new ArrayList<>(THREE_ENTRIES);
        five.add(entry(3, 4, 30, false));
        five.add(new TotemCommitTokenFrame.Entry(5, Long.MAX_VALUE, Long.MAX_VALUE, 0, true));
        codec.assertRoundTrip(commitToken(5, five));
        codec.assertRoundTrip(new TotemCommitTokenFrame(2, 1, Long.MAX_VALUE, 2, 0, 0, List.of(2), List.of()));
    }

    @Test
    void mergeDetectsRoundTrip() {
        codec.assertRoundTrip(new TotemMergeDetectFrame(2, 1, 2, 40));
        codec.assertRoundTrip(new TotemMergeDetectFrame(4, 1, 3, Long.MAX_VALUE));
    }

    @Test
    void everyTruncationIsDropped() {
        codec.assertEveryPrefixTruncated(join(3, ids(1, 5), List.of(4)));
        codec.assertEveryPrefixTruncated(commitToken(3, THREE_ENTRIES));
        codec.assertEveryPrefixTruncated(new TotemMergeDetectFrame(2, 1, 2, 40));
    }

    @Test
    void joinGroupCountsAreBoundedByTheNodelistBeforeReading() {
        TotemJoinFrame frame = join(3, List.of(2, 3), List.of());
        UnsafeBuffer bytes = codec.copy(frame);
        int length = encoder.encode(frame);
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, PROC_LIST_OFFSET + 2, 6, length), "6 > 5 nodes");
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, PROC_LIST_OFFSET + 2, 0xFFFF, length));
        assertEquals(DropReason.TRUNCATED, patchShort(bytes, PROC_LIST_OFFSET + 2, 5, length), "5 declared, 2 sent");
        bytes = codec.copy(frame);
        assertEquals(DropReason.BAD_LENGTH, patchShort(bytes, PROC_LIST_OFFSET, 3, length), "entry shorter than a node id");
        assertEquals(DropReason.BAD_LENGTH, patchShort(bytes, PROC_LIST_OFFSET, FrameDecoder.MAX_BLOCK_LENGTH + 1, length));
        int failedOffset = PROC_LIST_OFFSET + 4 + 2 * 4;
        bytes = codec.copy(frame);
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, failedOffset + 2, 6, length), "failed list too");
        assertEquals(DropReason.TRUNCATED, patchShort(bytes, failedOffset + 2, 1, length));
    }

    @Test
    void commitTokenGroupCountsAreBoundedBeforeReading() {
        TotemCommitTokenFrame frame = commitToken(3, THREE_ENTRIES);
        int length = encoder.encode(frame);
        UnsafeBuffer bytes = codec.copy(frame);
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, MEMBERS_OFFSET + 2, 0, length), "no members");
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, MEMBERS_OFFSET + 2, 6, length), "6 > 5 nodes");
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, MEMBERS_OFFSET + 2, 0xFFFF, length));
        bytes = codec.copy(frame);
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, ENTRIES_OFFSET + 2, 2, length), "entries != membIndex");
        assertEquals(DropReason.BAD_GROUP_COUNT, patchShort(bytes, ENTRIES_OFFSET + 2, 0xFFFF, length));
        bytes = codec.copy(frame);
        assertEquals(DropReason.BAD_LENGTH, patchShort(bytes, ENTRIES_OFFSET, 28, length), "entry without its flag");
        bytes = codec.copy(frame);
        patchShort(bytes, MEMB_INDEX_OFFSET, 4, length);
        assertEquals(DropReason.TRUNCATED, patchShort(bytes, ENTRIES_OFFSET + 2, 4, length),
                "membIndex 4 and 4 entries declared: the count passes, the extent does not");
    }

    @Test
    void entryCountInTheFrameButPastItsEndIsTruncated() {
        TotemCommitTokenFrame frame = commitToken(3, THREE_ENTRIES);
        int length = encoder.encode(frame);
        UnsafeBuffer bytes = codec.copy(frame);
        assertEquals(DropReason.TRUNCATED, patchShort(bytes, ENTRIES_OFFSET, 30, length), "3 entries of 30 bytes");
    }

    @Test
    void groupCapIsTheNodelistSizeAndAtMost384() {
        List<NodeEntry> nodes = new ArrayList<>();
        for (int id = 1; id <= 400; id++) {
            nodes.add(new NodeEntry(id, "node" + id, 1, List.of(new LinkAddress("127.0.0.1", 20_000 + id))));
        }
        FrameDecoder big = decoderFor(nodes);
        TotemCommitTokenFrame full = new TotemCommitTokenFrame(2, 1, 0, 1, 4, 0, ids(1, 384), List.of());
        int length = encoder.encode(full);
        assertEquals(new DecodeResult.Decoded(full), big.decode(encoder.buffer(), 0, length));
        length = encoder.encode(new TotemCommitTokenFrame(2, 1, 0, 1, 4, 0, ids(1, 385), List.of()));
        assertEquals(DropReason.BAD_GROUP_COUNT, big.decode(encoder.buffer(), 0, length));
        length = encoder.encode(new TotemJoinFrame(2, 1, ids(1, 385), List.of(), 4));
        assertEquals(DropReason.BAD_GROUP_COUNT, big.decode(encoder.buffer(), 0, length));
    }

    @Test
    void joinFieldsThatJoinMessageRejectsAreDropped() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(1, 2, 4), List.of())), "sender not in proc list");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(), List.of())), "empty proc list");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(3, 2), List.of())), "unsorted");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(2, 3, 3), List.of())), "duplicate");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(3, 9), List.of())), "not in the nodelist");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(0, 3), List.of())), "node id 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(join(3, List.of(3), List.of(4, 4))), "duplicate failed");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemJoinFrame(3, 1, List.of(3), List.of(), -1)),
                "ring seq above 2^63 - 1");
    }

    @Test
    void commitTokenFieldsThatCommitTokenRejectsAreDropped() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemCommitTokenFrame(3, 1, 7, 2, 12, 0, ids(1, 5), List.of())),
                "members not led by the rep");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemCommitTokenFrame(3, 1, 7, 0, 12, 0, List.of(1), List.of())),
                "rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemCommitTokenFrame(3, 1, -1, 1, 12, 0, List.of(1), List.of())),
                "token seq above 2^63 - 1");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemCommitTokenFrame(3, 1, 7, 1, 12, 0, List.of(1, 3, 2), List.of())),
                "unsorted members");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemCommitTokenFrame(3, 1, 7, 1, 12, 2, List.of(1),
                List.of(entry(1, 8, 5, true), entry(1, 8, 5, true)))), "membIndex above the member count");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(commitToken(1, List.of(entry(0, 8, 5, true)))), "old rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(commitToken(1, List.of(entry(1, 8, 1, true)))), "highDelivered -1");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(commitToken(1, List.of(entry(1, -8, 5, true)))), "old ring seq");
        TotemCommitTokenFrame frame = commitToken(3, THREE_ENTRIES);
        int length = encoder.encode(frame);
        UnsafeBuffer bytes = codec.copy(frame);
        bytes.putByte(FIRST_FLAG_OFFSET, (byte) 2);
        assertEquals(DropReason.BAD_FIELD, decoder.decode(bytes, 0, length), "received flag 2");
    }

    @Test
    void mergeDetectFieldsAndAddressingAreChecked() {
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemMergeDetectFrame(2, 1, 0, 4)), "rep 0");
        assertEquals(DropReason.BAD_FIELD, codec.decodeFresh(new TotemMergeDetectFrame(2, 1, 2, -4)), "ring seq");
        assertEquals(DropReason.WRONG_TARGET, codec.decodeFresh(new TotemMergeDetectFrame(2, 3, 2, 4)));
        assertEquals(DropReason.SELF_SENDER, codec.decodeFresh(new TotemJoinFrame(1, 1, List.of(1), List.of(), 4)));
        assertEquals(DropReason.UNKNOWN_SENDER, codec.decodeFresh(new TotemCommitTokenFrame(9, 1, 7, 1, 12, 0, List.of(1),
                List.of())));
    }

    @Test
    void membershipTemplatesClaimedByAVersionTwoHeaderAreUnknown() {
        for (WireFrame frame : List.of(join(3, ids(1, 5), List.of()), commitToken(0, List.of()),
                new TotemMergeDetectFrame(2, 1, 2, 40))) {
            UnsafeBuffer bytes = codec.copy(frame);
            int length = encoder.encode(frame);
            assertEquals(DropReason.UNKNOWN_TYPE, patchShort(bytes, VERSION_OFFSET, 2, length), frame.toString());
        }
    }

    @Test
    void seededGarbageAndFlipsNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<LongFunction<WireFrame>> shapes = List.of(
                r -> join(3, ids(1 + (int) (r & 1), 5), ids(4, 4 + (int) ((r >>> 1) & 1))),
                r -> commitToken((int) (r & 3), THREE_ENTRIES.subList(0, (int) (r & 3))),
                r -> new TotemMergeDetectFrame(2, 1, 2, r & 0xFFFF));
        for (int i = 0; i < 30_000; i++) {
            WireFrame frame = shapes.get(i % 3).apply(random.nextLong());
            int length = encoder.encode(frame);
            UnsafeBuffer bytes = codec.copy(frame);
            for (int f = 1 + random.nextInt(4); f > 0; f--) {
                int at = random.nextInt(length);
                bytes.putByte(at, (byte) (bytes.getByte(at) ^ (1 + random.nextInt(255))));
            }
            int cut = random.nextInt(4) == 0 ? random.nextInt(length + 1) : length;
            try {
                assertNotNull(decoder.decode(bytes, 0, cut), "seed " + seed);
            } catch (RuntimeException e) {
                throw new AssertionError("decoder threw with seed " + seed, e);
            }
        }
    }

    private DropReason patchShort(UnsafeBuffer bytes, int offset, int value, int length) {
        bytes.putShort(offset, (short) value);
        return assertInstanceOf(DropReason.class, decoder.decode(bytes, 0, length));
    }

}
