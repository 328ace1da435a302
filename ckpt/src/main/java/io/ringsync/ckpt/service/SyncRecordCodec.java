package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Bytes of {@link SyncRecord}s, and a store's images cut into records. {@link #decode} never
 * throws: a body that does not decode is empty.
 */
public final class SyncRecordCodec {

    /** The most section bytes in one {@link SyncRecord.SectionPart} (well under Totem's 1 MiB message). */
    public static final int PART_BYTES = 256 * 1024;

    private static final int CLUSTER_TIME = 1;
    private static final int HEADER = 2;
    private static final int SECTION_PART = 3;

    private SyncRecordCodec() {
    }

    /**
     * The records a sender sends for {@code images}: the cluster time, then each checkpoint's
     * header (openers of {@code partition} only) and section parts of at most {@code partBytes}.
     */
    public static List<SyncRecord> records(long clusterTimeNs, List<CheckpointImage> images, Set<Integer> partition,
                                           int partBytes) {
        List<SyncRecord> records = new ArrayList<>();
        records.add(new SyncRecord.ClusterTime(clusterTimeNs));
        for (CheckpointImage image : images) {
            SortedMap<Integer, Integer> openers = new TreeMap<>(image.openers());
            openers.keySet().retainAll(partition);
            records.add(SyncRecord.Header.of(image, Collections.unmodifiableSortedMap(openers)));
            for (CheckpointImage.SectionImage section : image.sections()) {
                byte[] data = section.data();
                int offset = 0;
                do {
                    int length = Math.min(partBytes, data.length - offset);
                    byte[] part = new byte[length];
                    System.arraycopy(data, offset, part, 0, length);
                    records.add(new SyncRecord.SectionPart(image.id(), section.id(), section.expirationNs(), data.length,
                            offset, part));
                    offset += length;
                } while (offset < data.length);
            }
        }
        return records;
    }

    /** The body of {@code record}. */
    public static byte[] encode(SyncRecord record) {
        Wire.Writer out = new Wire.Writer();
        if (record instanceof SyncRecord.ClusterTime time) {
            out.u8(CLUSTER_TIME).i64(time.timeNs());
        } else if (record instanceof SyncRecord.Header header) {
            out.u8(HEADER).checkpointId(header.id()).text(header.name()).attributes(header.attributes())
                    .u8(header.unlinked() ? 1 : 0).i32(header.activeReplicaNode()).i64(header.retentionDeadlineNs())
                    .i32(header.openers().size());
            for (Map.Entry<Integer, Integer> opener : header.openers().entrySet()) {
                out.i32(opener.getKey()).i32(opener.getValue());
            }
            out.i32(header.sectionCount());
        } else if (record instanceof SyncRecord.SectionPart part) {
            out.u8(SECTION_PART).checkpointId(part.id()).sectionId(part.sectionId()).i64(part.expirationNs())
                    .i32(part.totalSize()).i32(part.offset()).bytes(part.data());
        }
        return out.toBytes();
    }

    /** The record of {@code body}, or empty when it does not decode. */
    public static Optional<SyncRecord> decode(byte[] body) {
        try {
            Wire.Reader in = new Wire.Reader(body);
            SyncRecord record = switch (in.u8()) {
                case CLUSTER_TIME -> new SyncRecord.ClusterTime(in.i64());
                case HEADER -> header(in);
                case SECTION_PART -> new SyncRecord.SectionPart(in.checkpointId(), in.sectionId(), in.i64(), in.i32(),
                        in.i32(), in.bytes());
                default -> throw new Wire.MalformedException("unknown sync record type");
            };
            in.end();
            return Optional.of(record);
        } catch (Wire.MalformedException e) {
            return Optional.empty();
        }
    }

    private static SyncRecord.Header header(Wire.Reader in) throws Wire.MalformedException {
        var id = in.checkpointId();
        String name = in.text();
        var attributes = in.attributes();
        boolean unlinked = in.u8() == 1;
        int activeReplicaNode = in.i32();
        long retention = in.i64();
        int count = in.count(8);
        SortedMap<Integer, Integer> openers = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            openers.put(in.i32(), in.i32());
        }
        return new SyncRecord.Header(id, name, attributes, unlinked, activeReplicaNode, retention,
                Collections.unmodifiableSortedMap(openers), in.i32());
    }
}
