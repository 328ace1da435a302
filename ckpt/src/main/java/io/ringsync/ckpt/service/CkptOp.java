package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.WriteElement;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint service's application messages: every mutation of the replicated store, and the
 * ordered clock. Each node applies them in Totem's total order, so every replica stays the same;
 * the sending node answers its client when it applies its own (by {@code requestId}, which is
 * the sender's and means nothing elsewhere). Reads, status and iteration are not messages: a
 * node serves them from its replica.
 */
public sealed interface CkptOp {

    /** The sender's request id (0 for a tick, which answers nobody). */
    long requestId();

    /** Open by a handle of the sender; creates with id {@code newId} when the name is missing and create is set. */
    record Open(long requestId, String name, Optional<CreationAttributes> attributes, OpenFlags flags,
                CheckpointId newId) implements CkptOp {
    }

    /** Close of one of the sender's handles on {@code id}. */
    record Close(long requestId, CheckpointId id) implements CkptOp {
    }

    /** Unlink of the live checkpoint named {@code name}. */
    record Unlink(long requestId, String name) implements CkptOp {
    }

    /** Section create. */
    record CreateSection(long requestId, CheckpointId id, SectionId sectionId, long expirationNs, byte[] data)
            implements CkptOp {
    }

    /** Section create with an id every replica chooses alike when applying it ({@code SA_CKPT_GENERATED_SECTION_ID}). */
    record CreateGeneratedSection(long requestId, CheckpointId id, long expirationNs, byte[] data) implements CkptOp {
    }

    /** Retention duration set. */
    record SetRetention(long requestId, CheckpointId id, long retentionNs) implements CkptOp {
    }

    /** Section delete. */
    record DeleteSection(long requestId, CheckpointId id, SectionId sectionId) implements CkptOp {
    }

    /** Section expiration time set. */
    record SetExpiration(long requestId, CheckpointId id, SectionId sectionId, long expirationNs) implements CkptOp {
    }

    /** Write of several elements. */
    record Write(long requestId, CheckpointId id, List<WriteElement> elements) implements CkptOp {
    }

    /** Overwrite of a whole section. */
    record Overwrite(long requestId, CheckpointId id, SectionId sectionId, byte[] data) implements CkptOp {
    }

    /** Active replica set to the sender. */
    record SetActiveReplica(long requestId, CheckpointId id) implements CkptOp {
    }

    /**
     * The ordered clock: the cluster's time is {@code timeNs} (nanoseconds since the epoch, read
     * by the one member that sends ticks). Sections expired by then are deleted and retention
     * counts, on every node at this same point of the order.
     */
    record Tick(long timeNs) implements CkptOp {
        @Override
        public long requestId() {
            return 0;
        }
    }
}
