package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.SectionId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's open checkpoint handles and section iterators (the library side of openais CKPT:
 * a handle knows its checkpoint and open flags; an iterator the section ids it has still to
 * visit). Local to the node, not replicated: the replica only counts handles per node. Handle
 * and iterator numbers are never reused while the node runs.
 */
final class HandleTable {

    /** An open handle: its checkpoint, name and open flags. */
    record OpenHandle(CheckpointId id, String name, OpenFlags flags) {
    }

    /** An iterator's handle and the section ids left. */
    record Iterator(long handle, Deque<SectionId> left) {
    }

    private final Map<Long, OpenHandle> handles = new HashMap<>();
    private final Map<Long, Iterator> iterators = new HashMap<>();
    private long next;

    long open(OpenHandle handle) {
        long number = ++next;
        handles.put(number, handle);
        return number;
    }

    /** Puts back a handle whose close was never sent. */
    void restore(long number, OpenHandle handle) {
        handles.put(number, handle);
    }

    Optional<OpenHandle> get(long handle) {
        return Optional.ofNullable(handles.get(handle));
    }

    /** Frees a handle and its iterators. */
    Optional<OpenHandle> close(long handle) {
        iterators.values().removeIf(iterator -> iterator.handle() == handle);
        return Optional.ofNullable(handles.remove(handle));
    }

    long iterate(long handle, List<SectionId> ids) {
        long number = ++next;
        iterators.put(number, new Iterator(handle, new ArrayDeque<>(ids)));
        return number;
    }

    Optional<Iterator> iterator(long iterator) {
        return Optional.ofNullable(iterators.get(iterator));
    }

    boolean finalizeIterator(long iterator) {
        return iterators.remove(iterator) != null;
    }

    int openHandles() {
        return handles.size();
    }
}
