package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CheckpointStore;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CkptResult;
import io.ringsync.ckpt.store.SectionDescriptor;
import io.ringsync.ckpt.store.SectionId;
import java.util.Optional;

/**
 * The calls a node serves from its replica without ordering them (as openais serves status and
 * iteration locally; reads too here, since a client's own writes were applied locally before
 * they returned): read, synchronize, status, iteration, list and dump. All but iteration finalize
 * are refused with TRY_AGAIN until the node's replica is synced and while a sync round runs.
 */
final class LocalCalls {

    private LocalCalls() {
    }

    /** The reply to {@code call} (not a mutation). */
    @SuppressWarnings("unchecked")
    static <R> R serve(CkptCall<R> call, CkptReplica replica, HandleTable handles) {
        if (call instanceof CkptCall.IterationFinalize finalize) {
            return (R) (handles.finalizeIterator(finalize.iterator()) ? CkptError.OK : CkptError.BAD_HANDLE);
        }
        if (!replica.readable()) {
            return call.failure(CkptError.TRY_AGAIN);
        }
        CheckpointStore store = replica.store();
        if (call instanceof CkptCall.ListCheckpoints) {
            return (R) CkptResult.ok(store.list());
        }
        if (call instanceof CkptCall.Dump dump) {
            return (R) dump(store, dump.name());
        }
        if (call instanceof CkptCall.IterationNext next) {
            return (R) next(store, handles, next.iterator());
        }
        Optional<HandleTable.OpenHandle> handle = handles.get(handleOf(call));
        if (handle.isEmpty()) {
            return call.failure(CkptError.BAD_HANDLE);
        }
        CheckpointId id = handle.get().id();
        if (call instanceof CkptCall.Read read) {
            return handle.get().flags().read() ? (R) store.read(id, read.ranges()) : call.failure(CkptError.ACCESS);
        }
        if (call instanceof CkptCall.Synchronize) {
            return handle.get().flags().write() ? (R) store.synchronize(id) : call.failure(CkptError.ACCESS);
        }
        if (call instanceof CkptCall.Status) {
            return (R) store.status(id);
        }
        CkptCall.IterationInit init = (CkptCall.IterationInit) call;
        var chosen = store.select(id, init.selection(), init.timeNs());
        if (!chosen.ok()) {
            return call.failure(chosen.error());
        }
        return (R) CkptResult.ok(handles.iterate(init.handle(),
                chosen.value().stream().map(SectionDescriptor::sectionId).toList()));
    }

    private static long handleOf(CkptCall<?> call) {
        if (call instanceof CkptCall.Read read) {
            return read.handle();
        } else if (call instanceof CkptCall.Synchronize synchronize) {
            return synchronize.handle();
        } else if (call instanceof CkptCall.Status status) {
            return status.handle();
        }
        return ((CkptCall.IterationInit) call).handle();
    }

    private static CkptResult<CkptCall.DumpView> dump(CheckpointStore store, String name) {
        Optional<CheckpointId> id = store.idOf(name);
        if (id.isEmpty()) {
            return CkptResult.fail(CkptError.NOT_EXIST);
        }
        return CkptResult.ok(new CkptCall.DumpView(store.view(id.get()).orElseThrow(), store.dump(id.get()).orElseThrow()));
    }

    /** The next section still present, or NO_SECTIONS; BAD_HANDLE for an unknown iterator or a closed handle. */
    private static CkptResult<SectionDescriptor> next(CheckpointStore store, HandleTable handles, long number) {
        Optional<HandleTable.Iterator> iterator = handles.iterator(number);
        if (iterator.isEmpty()) {
            return CkptResult.fail(CkptError.BAD_HANDLE);
        }
        Optional<HandleTable.OpenHandle> handle = handles.get(iterator.get().handle());
        if (handle.isEmpty()) {
            return CkptResult.fail(CkptError.BAD_HANDLE);
        }
        while (!iterator.get().left().isEmpty()) {
            SectionId sectionId = iterator.get().left().poll();
            Optional<SectionDescriptor> descriptor = store.descriptor(handle.get().id(), sectionId);
            if (descriptor.isPresent()) {
                return CkptResult.ok(descriptor.get());
            }
        }
        return CkptResult.fail(CkptError.NO_SECTIONS);
    }
}
