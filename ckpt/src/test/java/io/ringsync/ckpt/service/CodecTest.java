package io.ringsync.ckpt.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CheckpointImage;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.WriteElement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The op and sync record codecs: every kind round-trips; truncated or garbled bodies decode to nothing, never throw. */
class CodecTest {

    private static final CheckpointId ID = new CheckpointId(2, 0x1c, 77);
    private static final CreationAttributes ATTRIBUTES = new CreationAttributes(10, 100, 5, 2, 50, 8);

    private static final List<CkptOp> OPS = List.of(
            new CkptOp.Open(1, "név", Optional.of(ATTRIBUTES), OpenFlags.of(7), ID),
            new CkptOp.Open(2, "x", Optional.empty(), OpenFlags.of(1), ID),
            new CkptOp.Close(3, ID),
            new CkptOp.Unlink(4, "x"),
            new CkptOp.CreateSection(5, ID, SectionId.of("s"), 99, new byte[] {1, 2}),
            new CkptOp.DeleteSection(6, ID, SectionId.of("s")),
            new CkptOp.SetExpiration(7, ID, SectionId.of("s"), 123),
            new CkptOp.Write(8, ID, List.of(new WriteElement(SectionId.of("s"), 4, new byte[] {9}),
                    new WriteElement(SectionId.DEFAULT, 0, new byte[] {8}))),
            new CkptOp.Overwrite(9, ID, SectionId.of("s"), new byte[] {3}),
            new CkptOp.SetActiveReplica(10, ID),
            new CkptOp.CreateGeneratedSection(11, ID, 77, new byte[] {4, 5}),
            new CkptOp.SetRetention(12, ID, 3_000),
            new CkptOp.Tick(1_000));

    @Test
    void everyOpRoundTrips() {
        for (CkptOp op : OPS) {
            CkptOp back = CkptOpCodec.decode(CkptOpCodec.encode(op)).orElseThrow();
            assertEquals(CkptOpCodec.encode(op).length, CkptOpCodec.encode(back).length);
            assertArrayEquals(CkptOpCodec.encode(op), CkptOpCodec.encode(back), op.toString());
            assertEquals(op.getClass(), back.getClass());
            assertEquals(op.requestId(), back.requestId());
        }
        assertEquals(OPS.get(0), CkptOpCodec.decode(CkptOpCodec.encode(OPS.get(0))).orElseThrow());
    }

    @Test
    void truncatedOrGarbledBodiesDecodeToNothing() {
        for (CkptOp op : OPS) {
            byte[] body = CkptOpCodec.encode(op);
            for (int length = 0; length < body.length; length++) {
                assertTrue(CkptOpCodec.decode(Arrays.copyOf(body, length)).isEmpty(), op + " cut at " + length);
            }
            assertTrue(CkptOpCodec.decode(Arrays.copyOf(body, body.length + 1)).isEmpty(), "trailing bytes");
        }
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            CkptOpCodec.decode(junk);
            SyncRecordCodec.decode(junk);
        }
        assertTrue(CkptOpCodec.decode(new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}).isEmpty(), "a huge element count allocates nothing");
    }

    @Test
    void syncRecordsCutSectionsIntoPartsAndKeepOnlyThePartitionsOpeners() {
        TreeMap<Integer, Integer> openers = new TreeMap<>(java.util.Map.of(1, 2, 3, 1));
        byte[] data = new byte[25];
        new Random(1).nextBytes(data);
        CheckpointImage image = new CheckpointImage(ID, "x", ATTRIBUTES, false, 0, 55, openers,
                List.of(new CheckpointImage.SectionImage(SectionId.of("s"), 9, data),
                        new CheckpointImage.SectionImage(SectionId.of("t"), 9, new byte[0])));
        List<SyncRecord> records = SyncRecordCodec.records(7, List.of(image), Set.of(1, 2), 10);
        assertEquals(1 + 1 + 3 + 1, records.size(), "time, header, 3 parts of s, 1 empty part of t");
        SyncRecord.Header header = (SyncRecord.Header) records.get(1);
        assertEquals(java.util.Map.of(1, 2), header.openers());
        for (SyncRecord record : records) {
            SyncRecord back = SyncRecordCodec.decode(SyncRecordCodec.encode(record)).orElseThrow();
            assertArrayEquals(SyncRecordCodec.encode(record), SyncRecordCodec.encode(back));
        }
        SyncMerge merge = new SyncMerge(Set.of(1, 2), SimCluster.LIMITS);
        records.forEach(record -> merge.accept(1, record));
        SyncMerge.Result result = merge.build();
        assertEquals(0, result.dropped());
        assertArrayEquals(data, result.store().images().get(0).sections().get(0).data());
        assertEquals(7, result.store().clusterTimeNs());
    }

    @Test
    void aMergeDropsACheckpointWhosePartsArriveOutOfOrderOrIncomplete() {
        CheckpointImage image = new CheckpointImage(ID, "x", ATTRIBUTES, false, 0, 55, new TreeMap<>(),
                List.of(new CheckpointImage.SectionImage(SectionId.of("s"), 9, new byte[25])));
        List<SyncRecord> records = SyncRecordCodec.records(0, List.of(image), Set.of(1), 10);
        SyncMerge missingPart = new SyncMerge(Set.of(1), SimCluster.LIMITS);
        for (int i = 0; i < records.size(); i++) {
            if (i != 3) {
                missingPart.accept(1, records.get(i));
            }
        }
        assertEquals(1, missingPart.build().dropped());
        SyncMerge incomplete = new SyncMerge(Set.of(1), SimCluster.LIMITS);
        records.subList(0, records.size() - 1).forEach(record -> incomplete.accept(1, record));
        assertEquals(1, incomplete.build().dropped());
        SyncMerge stray = new SyncMerge(Set.of(1), SimCluster.LIMITS);
        stray.accept(1, records.get(2));
        assertEquals(1, stray.malformed());
    }
}
