package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.OriginateSource;
import io.ringsync.protocol.totem.Outgoing;
import java.util.ArrayDeque;
import java.util.Collection;

/** A bounded FIFO of messages to originate; offering to a full queue is refused (TRY_AGAIN). */
@PureCore
final class OutgoingQueue implements OriginateSource {

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final int capacity;

    /** A queue of at most {@code capacity} messages. */
    OutgoingQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends {@code message}; false when full. */
    boolean offer(Outgoing message) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.add(message);
        return true;
    }

    /** Replaces the content with {@code messages} (the recovery queue of a new RECOVERY), ignoring the bound. */
    void replaceWith(Collection<Outgoing> messages) {
        queue.clear();
        queue.addAll(messages);
    }

    /** Empties the queue. */
    void clear() {
        queue.clear();
    }

    boolean isEmpty() {
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
