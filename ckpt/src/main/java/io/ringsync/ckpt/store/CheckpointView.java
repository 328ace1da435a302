package io.ringsync.ckpt.store;

import java.util.SortedMap;

/**
 * A checkpoint as {@code ringsync ckpt list} shows it.
 *
 * @param id                  its cluster-wide id
 * @param name                its name
 * @param attributes          its creation attributes
 * @param unlinked            true once unlinked (the name is free; the data lives until the last close)
 * @param activeReplicaNode   the node that set the active replica (or created it when the service
 *                            picks it), 0 for all replicas, -1 while none is set
 * @param sections            the number of sections
 * @param bytesUsed           the bytes of section data
 * @param openers             open handles per node id (nodes with none left out)
 * @param retentionDeadlineNs when the checkpoint is removed if nobody opens it ({@link Times#END}: not counting down)
 */
public record CheckpointView(CheckpointId id, String name, CreationAttributes attributes, boolean unlinked,
                             int activeReplicaNode, int sections, long bytesUsed, SortedMap<Integer, Integer> openers,
                             long retentionDeadlineNs) {
}
