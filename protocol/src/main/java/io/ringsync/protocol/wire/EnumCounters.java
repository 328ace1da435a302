package io.ringsync.protocol.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One counter per constant of an enum (drop reasons, send results), written by one thread and
 * read as an immutable snapshot from any other.
 *
 * @param <E> the enum whose constants are counted
 */
public final class EnumCounters<E extends Enum<E>> {

    private final Class<E> type;
    private final AtomicLongArray counts;

    /** Counters for every constant of {@code type}, all zero. */
    public EnumCounters(Class<E> type) {
        this.type = type;
        this.counts = new AtomicLongArray(type.getEnumConstants().length);
    }

    /** Adds one to {@code key}'s counter and returns {@code key}, so callers can {@code return count(x)}. */
    public E increment(E key) {
        counts.incrementAndGet(key.ordinal());
        return key;
    }

    /** The current value of {@code key}'s counter. */
    public long get(E key) {
        return counts.get(key.ordinal());
    }

    /** Every counter, zeros included, in declaration order. */
    public Map<E, Long> snapshot() {
        Map<E, Long> copy = new EnumMap<>(type);
        for (E key : type.getEnumConstants()) {
            copy.put(key, counts.get(key.ordinal()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
