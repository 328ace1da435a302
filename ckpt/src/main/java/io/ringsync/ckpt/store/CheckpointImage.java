package io.ringsync.ckpt.store;

import java.util.List;
import java.util.SortedMap;

/**
 * A whole checkpoint as a value: what the sync round sends and what a store is rebuilt from.
 *
 * @param id                  its cluster-wide id
 * @param name                its name
 * @param attributes          its creation attributes
 * @param unlinked            unlinked (name freed) but still open somewhere
 * @param activeReplicaNode   see {@link CheckpointView#activeReplicaNode()}
 * @param retentionDeadlineNs see {@link CheckpointView#retentionDeadlineNs()}
 * @param openers             open handles per node id
 * @param sections            the sections in id order
 */
public record CheckpointImage(CheckpointId id, String name, CreationAttributes attributes, boolean unlinked,
                              int activeReplicaNode, long retentionDeadlineNs, SortedMap<Integer, Integer> openers,
                              List<SectionImage> sections) {

    /**
     * A section as a value.
     *
     * @param id           its id
     * @param expirationNs its expiration
     * @param data         its bytes (not copied)
     */
    public record SectionImage(SectionId id, long expirationNs, byte[] data) {
    }
}
