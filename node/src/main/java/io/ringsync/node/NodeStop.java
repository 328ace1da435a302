package io.ringsync.node;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a node stopped on request from inside (ringsync cfg shutdown or kill), as opposed to
 * {@link RingsyncNode#close()} or a failure. The guardian records the reason before it stops;
 * the node reads it once its actor system has terminated. Thread-safe.
 */
public final class NodeStop {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Records {@code why}; false when a stop was already requested (the first reason stays). */
    boolean request(String why) {
        return reason.compareAndSet(null, why);
    }

    /** The reason, once a stop was requested. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
