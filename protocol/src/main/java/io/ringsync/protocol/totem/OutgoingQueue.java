package io.ringsync.protocol.totem;

import io.ringsync.protocol.PureCore;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * A plain FIFO of messages to originate: {@link OrderingCore}'s own queue, and RECOVERY's queue
 * of old-ring messages (filled once from the
 * {@link io.ringsync.protocol.totem.recovery.RecoveryPlan}, bounded by the old ring's window).
 */
@PureCore
public final class OutgoingQueue implements OriginateSource {

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

    /** Appends {@code message}; the caller bounds the size. */
    public void add(Outgoing message) {
        queue.add(message);
    }

    /** Replaces the content with {@code messages}. */
    public void replaceWith(Collection<Outgoing> messages) {
        queue.clear();
        queue.addAll(messages);
    }

    /** Empties the queue. */
    public void clear() {
        queue.clear();
    }

    /** Whether nothing is queued. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int backlog() {
        return queue.size();
    }

    @Override
    public Outgoing poll() {
        return queue.poll();
    }
}
