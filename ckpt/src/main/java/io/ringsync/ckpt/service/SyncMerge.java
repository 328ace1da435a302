package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CheckpointImage;
import io.ringsync.ckpt.store.CheckpointStore;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.StoreLimits;
import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store one sync round builds from the senders' {@link SyncRecord}s, in the total order
 * (openais' temporary checkpoint list; every node builds the same one and swaps it in at
 * activation, senders included).
 *
 * <p>Rules: the first copy of a checkpoint id wins, with its sections; the openers of every copy
 * are summed, for current members only. When two live checkpoints carry the same name (both
 * sides of a partition created it), the first keeps the name; a later one that someone still has
 * open stays as unlinked (its handles keep working until closed), one nobody has open is
 * dropped. Whatever would pass the store limits, or arrives malformed (a part out of order, a
 * section count that does not match), is dropped and counted, never half adopted.
 */
@PureCore
public final class SyncMerge {

    /** What the round produced: the new store and what could not be kept. */
    public record Result(CheckpointStore store, int dropped, int superseded) {
    }

    private final Set<Integer> members;
    private final StoreLimits limits;
    private final Map<CheckpointId, Entry> entries = new LinkedHashMap<>();
    private long clusterTimeNs;
    private long allocated;
    private int malformed;

    /** A merge for the members {@code members} of the new ring. */
    public SyncMerge(Set<Integer> members, StoreLimits limits) {
        this.members = Set.copyOf(members);
        this.limits = limits;
    }

    /** One record from {@code sender}, in the total order. */
    public void accept(int sender, SyncRecord record) {
        if (record instanceof SyncRecord.ClusterTime time) {
            clusterTimeNs = Math.max(clusterTimeNs, time.timeNs());
        } else if (record instanceof SyncRecord.Header header) {
            Entry entry = entries.get(header.id());
            if (entry == null) {
                entries.put(header.id(), new Entry(sender, header));
            }
            Entry winner = entries.get(header.id());
            header.openers().forEach((node, count) -> {
                if (members.contains(node) && count > 0) {
                    winner.openers.merge(node, count, Integer::sum);
                }
            });
        } else if (record instanceof SyncRecord.SectionPart part) {
            Entry entry = entries.get(part.id());
            if (entry == null) {
                malformed++;
            } else if (entry.sender == sender && !entry.broken) {
                entry.broken = !entry.add(part);
            }
        }
    }

    /** Records that named a checkpoint no header had introduced. */
    public int malformed() {
        return malformed;
    }

    /** The merged store. */
    public Result build() {
        CheckpointStore store = new CheckpointStore(limits);
        store.clusterTimeNs(clusterTimeNs);
        int dropped = 0;
        int superseded = 0;
        for (Entry entry : entries.values()) {
            if (entry.broken || entry.sections.size() != entry.header.sectionCount()
                    || entry.sections.values().stream().anyMatch(s -> s.filled != s.data.length)) {
                dropped++;
                continue;
            }
            boolean nameTaken = !entry.header.unlinked() && store.idOf(entry.header.name()).isPresent();
            if (nameTaken && entry.openers.isEmpty()) {
                superseded++;
                continue;
            }
            CkptError adopted = store.adopt(entry.image(nameTaken));
            if (!adopted.ok()) {
                dropped++;
            } else if (nameTaken) {
                superseded++;
            }
        }
        return new Result(store, dropped, superseded);
    }

    /** One checkpoint of the round: the first header seen for its id, its sender, summed openers, sections. */
    private final class Entry {
        final int sender;
        final SyncRecord.Header header;
        final TreeMap<Integer, Integer> openers = new TreeMap<>();
        final Map<SectionId, Assembly> sections = new LinkedHashMap<>();
        boolean broken;

        Entry(int sender, SyncRecord.Header header) {
            this.sender = sender;
            this.header = header;
        }

        /** Adds a part; false when it is out of order or passes the limits. */
        boolean add(SyncRecord.SectionPart part) {
            Assembly section = sections.get(part.sectionId());
            if (section == null) {
                if (part.offset() != 0 || part.totalSize() < 0 || part.totalSize() > limits.maxTotalBytes() - allocated) {
                    return false;
                }
                allocated += part.totalSize();
                section = new Assembly(part.expirationNs(), new byte[part.totalSize()]);
                sections.put(part.sectionId(), section);
            }
            if (part.offset() != section.filled || part.data().length > section.data.length - section.filled) {
                return false;
            }
            System.arraycopy(part.data(), 0, section.data, section.filled, part.data().length);
            section.filled += part.data().length;
            return true;
        }

        CheckpointImage image(boolean asUnlinked) {
            List<CheckpointImage.SectionImage> images = new ArrayList<>();
            sections.forEach((id, s) -> images.add(new CheckpointImage.SectionImage(id, s.expirationNs, s.data)));
            return new CheckpointImage(header.id(), header.name(), header.attributes(), header.unlinked() || asUnlinked,
                    header.activeReplicaNode(), header.retentionDeadlineNs(), Collections.unmodifiableSortedMap(openers),
                    images);
        }
    }

    /** A section being reassembled from its parts. */
    private static final class Assembly {
        final long expirationNs;
        final byte[] data;
        int filled;

        Assembly(long expirationNs, byte[] data) {
            this.expirationNs = expirationNs;
            this.data = data;
        }
    }
}
