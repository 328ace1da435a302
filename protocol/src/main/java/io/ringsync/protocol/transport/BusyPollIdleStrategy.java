package io.ringsync.protocol.transport;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * The transport thread's "backoff" idle strategy: until the instant {@code busyUntilNanos}
 * gives (System.nanoTime), it only yields the core between polls; otherwise, with no work, it
 * parks, starting at {@code minParkNs} and doubling up to {@code maxParkNs}; work inside the
 * busy window resets the park to {@code minParkNs}.
 *
 * <p>Why: in invoker mode Aeron's receiver polls its sockets without blocking, so UDP arrival
 * cannot wake a parked transport: a frame is read when the park ends. A Totem rotation is a
 * chain of such arrivals, one per hop, and with backoff alone each hop waited for a park that
 * grew with the rotation time it caused (a 3-node ring under load rotated in tens of
 * milliseconds). Totem pushes the busy instant forward while the ring carries application
 * messages ({@link AeronTransport#pollUntil}), so a busy ring's transports read each frame within
 * microseconds, and an idle ring's park, costing almost no CPU.
 *
 * <p>The park itself is given: {@link LockSupport#parkNanos} (woken early only by an offer's
 * unpark), or {@link SocketWaiter#await}, which also ends when a datagram arrives.
 */
final class BusyPollIdleStrategy implements IdleStrategy {

    private final LongSupplier busyUntilNanos;
    private final long minParkNs;
    private final long maxParkNs;
    private final LongConsumer park;
    private long parkNs;

    /** Parks with {@link LockSupport#parkNanos}. */
    BusyPollIdleStrategy(LongSupplier busyUntilNanos, long minParkNs, long maxParkNs) {
        this(busyUntilNanos, minParkNs, maxParkNs, LockSupport::parkNanos);
    }

    /** Parks with {@code park} (given the park's length in nanoseconds). */
    BusyPollIdleStrategy(LongSupplier busyUntilNanos, long minParkNs, long maxParkNs, LongConsumer park) {
        this.busyUntilNanos = busyUntilNanos;
        this.park = park;
        this.minParkNs = minParkNs;
        this.maxParkNs = Math.max(minParkNs, maxParkNs);
        this.parkNs = minParkNs;
    }

    /**
     * After work inside the busy window the park starts again from {@code minParkNs}; after work
     * outside it (an idle ring's held token, link pings, Aeron's own heartbeats and status
     * messages) the park keeps its length, so an idle node does not climb back up from 50 µs
     * after every such frame (which roughly doubled its wake-ups).
     */
    @Override
    public void idle(int workCount) {
        if (workCount <= 0) {
            idle();
        } else if (busy()) {
            reset();
        }
    }

    @Override
    public void idle() {
        if (busy()) {
            Thread.yield();
            return;
        }
        park.accept(parkNs);
        parkNs = Math.min(maxParkNs, parkNs * 2);
    }

    /** The next park's length (for tests). */
    long nextParkNs() {
        return parkNs;
    }

    private boolean busy() {
        return System.nanoTime() - busyUntilNanos.getAsLong() < 0;
    }

    @Override
    public void reset() {
        parkNs = minParkNs;
    }

    @Override
    public String alias() {
        return "busy-poll-backoff";
    }
}
