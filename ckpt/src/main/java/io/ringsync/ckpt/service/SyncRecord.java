package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CheckpointImage;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.SectionId;
import java.util.SortedMap;

/**
 * One sync message of the checkpoint service (openais' sync phases, reshaped): a sender tells the
 * cluster time it has seen, then per checkpoint a {@link Header} followed by its sections in
 * {@link SectionPart}s small enough for one Totem message each. No id counter is exchanged:
 * {@link CheckpointId}s are unique without one.
 */
public sealed interface SyncRecord {

    /** The largest ordered-clock time the sender's partition has applied. */
    record ClusterTime(long timeNs) implements SyncRecord {
    }

    /**
     * A checkpoint without its section data; {@code openers} lists only nodes of the sender's own
     * partition (those it can vouch for), so summing over senders counts each node once.
     */
    record Header(CheckpointId id, String name, CreationAttributes attributes, boolean unlinked,
                  int activeReplicaNode, long retentionDeadlineNs, SortedMap<Integer, Integer> openers,
                  int sectionCount) implements SyncRecord {

        /** The header of {@code image}, with only the openers of {@code openers}. */
        static Header of(CheckpointImage image, SortedMap<Integer, Integer> openers) {
            return new Header(image.id(), image.name(), image.attributes(), image.unlinked(), image.activeReplicaNode(),
                    image.retentionDeadlineNs(), openers, image.sections().size());
        }
    }

    /** {@code data} at {@code offset} of a section of {@code totalSize} bytes of checkpoint {@code id}. */
    record SectionPart(CheckpointId id, SectionId sectionId, long expirationNs, int totalSize, int offset, byte[] data)
            implements SyncRecord {
    }
}
