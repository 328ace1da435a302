package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadOutcome;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionDescriptor;
import io.ringsync.ckpt.store.SectionDump;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.SectionSelection;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.ckpt.store.WriteOutcome;
import java.util.List;
import java.util.Optional;

/**
 * A client's call of the checkpoint API (the SA Forum {@code saCkpt*} functions, handles being
 * longs local to the node), typed by its reply {@code R}. Mutations ({@link Mutation}) are
 * ordered through Totem and answered when this node applies them; the rest are served from the
 * node's replica, refused with TRY_AGAIN while a sync round runs.
 *
 * @param <R> the reply's type
 */
public sealed interface CkptCall<R> {

    /** The reply when the call fails as a whole with {@code error}. */
    R failure(CkptError error);

    /** A call that changes the replicated store; its reply from the {@link Applied} result (open aside). */
    sealed interface Mutation<R> extends CkptCall<R> {
        /** The reply for the applied result; {@code newHandle} is the handle an open gave its client (0 otherwise). */
        R result(Applied applied, long newHandle);
    }

    /** A mutation whose reply is the result code alone. */
    sealed interface SimpleMutation extends Mutation<CkptError> {
        @Override
        default CkptError failure(CkptError error) {
            return error;
        }

        @Override
        default CkptError result(Applied applied, long newHandle) {
            return applied.error();
        }
    }

    /** {@code saCkptCheckpointOpen}: a handle. */
    record Open(String name, Optional<CreationAttributes> attributes, OpenFlags flags)
            implements Mutation<CkptResult<Long>> {
        @Override
        public CkptResult<Long> failure(CkptError error) {
            return CkptResult.fail(error);
        }

        @Override
        public CkptResult<Long> result(Applied applied, long newHandle) {
            return applied.error().ok() ? CkptResult.ok(newHandle) : CkptResult.fail(applied.error());
        }
    }

    /** {@code saCkptCheckpointClose}. */
    record Close(long handle) implements SimpleMutation {
    }

    /** {@code saCkptCheckpointUnlink}. */
    record Unlink(String name) implements SimpleMutation {
    }

    /** {@code saCkptSectionCreate}. */
    record CreateSection(long handle, SectionId sectionId, long expirationNs, byte[] data) implements SimpleMutation {
    }

    /**
     * {@code saCkptSectionCreate} with {@code SA_CKPT_GENERATED_SECTION_ID}: the service chooses
     * the section's id (decided where the op is applied, the same on every replica) and returns it.
     */
    record CreateGeneratedSection(long handle, long expirationNs, byte[] data)
            implements Mutation<CkptResult<SectionId>> {
        @Override
        public CkptResult<SectionId> failure(CkptError error) {
            return CkptResult.fail(error);
        }

        @Override
        public CkptResult<SectionId> result(Applied applied, long newHandle) {
            return applied.error().ok() ? CkptResult.ok(applied.created()) : CkptResult.fail(applied.error());
        }
    }

    /**
     * {@code saCkptCheckpointRetentionDurationSet}: the checkpoint's retention duration, ordered
     * like every mutation; the handle needs write access (ACCESS otherwise, as SA Forum
     * implementations since B.02 answer it).
     */
    record SetRetention(long handle, long retentionNs) implements SimpleMutation {
    }

    /** {@code saCkptSectionDelete}. */
    record DeleteSection(long handle, SectionId sectionId) implements SimpleMutation {
    }

    /** {@code saCkptSectionExpirationTimeSet}. */
    record SetExpiration(long handle, SectionId sectionId, long expirationNs) implements SimpleMutation {
    }

    /** {@code saCkptCheckpointWrite}. */
    record Write(long handle, List<WriteElement> elements) implements Mutation<WriteOutcome> {
        @Override
        public WriteOutcome failure(CkptError error) {
            return new WriteOutcome(error, -1);
        }

        @Override
        public WriteOutcome result(Applied applied, long newHandle) {
            return new WriteOutcome(applied.error(), applied.failedIndex());
        }
    }

    /** {@code saCkptSectionOverwrite}. */
    record Overwrite(long handle, SectionId sectionId, byte[] data) implements SimpleMutation {
    }

    /** {@code saCkptActiveReplicaSet}. */
    record SetActiveReplica(long handle) implements SimpleMutation {
    }

    /** {@code saCkptCheckpointRead}. */
    record Read(long handle, List<ReadRange> ranges) implements CkptCall<ReadOutcome> {
        @Override
        public ReadOutcome failure(CkptError error) {
            return new ReadOutcome(error, -1, List.of());
        }
    }

    /** {@code saCkptCheckpointSynchronize}. */
    record Synchronize(long handle) implements CkptCall<CkptError> {
        @Override
        public CkptError failure(CkptError error) {
            return error;
        }
    }

    /** {@code saCkptCheckpointStatusGet}. */
    record Status(long handle) implements CkptCall<CkptResult<CheckpointStatus>> {
        @Override
        public CkptResult<CheckpointStatus> failure(CkptError error) {
            return CkptResult.fail(error);
        }
    }

    /** {@code saCkptSectionIterationInitialize}: an iterator handle over a snapshot of the chosen section ids. */
    record IterationInit(long handle, SectionSelection selection, long timeNs) implements CkptCall<CkptResult<Long>> {
        @Override
        public CkptResult<Long> failure(CkptError error) {
            return CkptResult.fail(error);
        }
    }

    /** {@code saCkptSectionIterationNext}: NO_SECTIONS at the end; sections deleted meanwhile are skipped. */
    record IterationNext(long iterator) implements CkptCall<CkptResult<SectionDescriptor>> {
        @Override
        public CkptResult<SectionDescriptor> failure(CkptError error) {
            return CkptResult.fail(error);
        }
    }

    /** {@code saCkptSectionIterationFinalize}. */
    record IterationFinalize(long iterator) implements CkptCall<CkptError> {
        @Override
        public CkptError failure(CkptError error) {
            return error;
        }
    }

    /** Every checkpoint of the replica (the {@code ringsync ckpt list} tool). */
    record ListCheckpoints() implements CkptCall<CkptResult<List<CheckpointView>>> {
        @Override
        public CkptResult<List<CheckpointView>> failure(CkptError error) {
            return CkptResult.fail(error);
        }
    }

    /** The sections of the live checkpoint {@code name} with digests (the {@code ringsync ckpt dump} tool). */
    record Dump(String name) implements CkptCall<CkptResult<DumpView>> {
        @Override
        public CkptResult<DumpView> failure(CkptError error) {
            return CkptResult.fail(error);
        }
    }

    /**
     * A checkpoint with its sections, as dumped.
     *
     * @param checkpoint the checkpoint
     * @param sections   its sections with a digest each
     */
    record DumpView(CheckpointView checkpoint, List<SectionDump> sections) {
    }
}
