package io.ringsync.ckpt;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.ckpt.service.CkptCall;
import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadOutcome;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionDescriptor;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.SectionSelection;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.ckpt.store.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The checkpoint service's Java API for code in the node's JVM (the SA Forum {@code saCkpt*}
 * calls): every call returns a {@link CompletionStage} that completes with the call's value, or
 * fails with a {@link CkptException} carrying the {@link CkptError} (an ask that gets no answer
 * at all fails with TIMEOUT). A mutation's stage completes once this node has applied it.
 * Handles are longs, valid on this node only.
 */
public final class Ckpt {

    private final ActorRef<CkptActor.Command> actor;
    private final Scheduler scheduler;
    private final Duration timeout;

    /**
     * The API over {@code actor}; {@code timeout} bounds each ask and must exceed the service's
     * request timeout, so that the service's own TIMEOUT answer comes first.
     */
    public Ckpt(ActorRef<CkptActor.Command> actor, Scheduler scheduler, Duration timeout) {
        this.actor = actor;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /** Opens, creating with {@code attributes} when missing ({@code flags} gets CREATE): a handle. */
    public CompletionStage<Long> create(String name, CreationAttributes attributes, OpenFlags flags) {
        return value("open", new CkptCall.Open(name, Optional.of(attributes), OpenFlags.of(flags.bits() | OpenFlags.CREATE)));
    }

    /** Opens an existing checkpoint ({@code flags} without CREATE): a handle. */
    public CompletionStage<Long> open(String name, OpenFlags flags) {
        return value("open", new CkptCall.Open(name, Optional.empty(), flags));
    }

    /** Closes a handle. */
    public CompletionStage<Void> close(long handle) {
        return done("close", new CkptCall.Close(handle));
    }

    /** Unlinks a checkpoint: the name goes now, the data at the last close. */
    public CompletionStage<Void> unlink(String name) {
        return done("unlink", new CkptCall.Unlink(name));
    }

    /** Creates a section ({@code expirationNs} since the epoch, {@link io.ringsync.ckpt.store.Times#END} for never). */
    public CompletionStage<Void> createSection(long handle, SectionId id, long expirationNs, byte[] data) {
        return done("section create", new CkptCall.CreateSection(handle, id, expirationNs, data));
    }

    /**
     * Creates a section whose id the service chooses ({@code SA_CKPT_GENERATED_SECTION_ID}): the
     * id, the same on every replica.
     */
    public CompletionStage<SectionId> createGeneratedSection(long handle, long expirationNs, byte[] data) {
        return value("section create", new CkptCall.CreateGeneratedSection(handle, expirationNs, data));
    }

    /**
     * Sets the checkpoint's retention duration ({@code saCkptCheckpointRetentionDurationSet},
     * {@link io.ringsync.ckpt.store.Times#END} for ever): ACCESS without write access,
     * INVALID_PARAM when negative, BAD_OPERATION once the checkpoint is unlinked.
     */
    public CompletionStage<Void> setRetention(long handle, long retentionNs) {
        return done("retention duration set", new CkptCall.SetRetention(handle, retentionNs));
    }

    /** Deletes a section. */
    public CompletionStage<Void> deleteSection(long handle, SectionId id) {
        return done("section delete", new CkptCall.DeleteSection(handle, id));
    }

    /** Sets a section's expiration time. */
    public CompletionStage<Void> setExpiration(long handle, SectionId id, long expirationNs) {
        return done("expiration time set", new CkptCall.SetExpiration(handle, id, expirationNs));
    }

    /** Writes several elements; a failure names the first element that failed ({@link CkptException#failedIndex()}). */
    public CompletionStage<Void> write(long handle, List<WriteElement> elements) {
        return ask("write", new CkptCall.Write(handle, elements), (WriteOutcome outcome) ->
                outcome.error().ok() ? null : fail("write", outcome.error(), outcome.failedIndex()));
    }

    /** Replaces a section's bytes. */
    public CompletionStage<Void> overwrite(long handle, SectionId id, byte[] data) {
        return done("overwrite", new CkptCall.Overwrite(handle, id, data));
    }

    /** Reads several ranges: the bytes of each. */
    public CompletionStage<List<byte[]>> read(long handle, List<ReadRange> ranges) {
        return ask("read", new CkptCall.Read(handle, ranges), (ReadOutcome outcome) ->
                outcome.error().ok() ? outcome.data() : fail("read", outcome.error(), outcome.failedIndex()));
    }

    /** Synchronize (active-replica checkpoints). */
    public CompletionStage<Void> synchronize(long handle) {
        return done("synchronize", new CkptCall.Synchronize(handle));
    }

    /** Makes this node the active replica (collocated checkpoints). */
    public CompletionStage<Void> setActiveReplica(long handle) {
        return done("active replica set", new CkptCall.SetActiveReplica(handle));
    }

    /** The checkpoint's status. */
    public CompletionStage<CheckpointStatus> status(long handle) {
        return value("status get", new CkptCall.Status(handle));
    }

    /** Starts an iteration: an iterator handle. */
    public CompletionStage<Long> iterationInitialize(long handle, SectionSelection selection, long timeNs) {
        return value("iteration initialize", new CkptCall.IterationInit(handle, selection, timeNs));
    }

    /** The next section, or empty at the end (NO_SECTIONS). */
    public CompletionStage<Optional<SectionDescriptor>> iterationNext(long iterator) {
        return ask("iteration next", new CkptCall.IterationNext(iterator), (CkptResult<SectionDescriptor> result) ->
                result.ok() ? Optional.of(result.value())
                        : result.error() == CkptError.NO_SECTIONS ? Optional.empty() : fail("iteration next", result.error(), -1));
    }

    /** Ends an iteration. */
    public CompletionStage<Void> iterationFinalize(long iterator) {
        return done("iteration finalize", new CkptCall.IterationFinalize(iterator));
    }

    /** Every checkpoint of this node's replica. */
    public CompletionStage<List<CheckpointView>> list() {
        return value("list", new CkptCall.ListCheckpoints());
    }

    /** A live checkpoint's sections with their digests. */
    public CompletionStage<CkptCall.DumpView> dump(String name) {
        return value("dump", new CkptCall.Dump(name));
    }

    private CompletionStage<Void> done(String name, CkptCall<CkptError> call) {
        return ask(name, call, (CkptError error) -> error.ok() ? null : fail(name, error, -1));
    }

    private <T> CompletionStage<T> value(String name, CkptCall<CkptResult<T>> call) {
        return ask(name, call, (CkptResult<T> result) -> result.ok() ? result.value() : fail(name, result.error(), -1));
    }

    private <R, T> CompletionStage<T> ask(String name, CkptCall<R> call, Function<R, T> unwrap) {
        CompletableFuture<R> answer = AskPattern.<CkptActor.Command, R>ask(actor,
                replyTo -> new CkptActor.Call<>(call, replyTo), timeout, scheduler).toCompletableFuture();
        return answer.handle((reply, failure) -> {
            if (failure != null) {
                throw new CkptException(name, CkptError.TIMEOUT, -1);
            }
            return unwrap.apply(reply);
        });
    }

    private static <T> T fail(String name, CkptError error, int failedIndex) {
        throw new CkptException(name, error, failedIndex);
    }
}
