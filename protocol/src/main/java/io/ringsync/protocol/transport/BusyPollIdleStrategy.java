package io.ringsync.protocol.transport;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * The transport thread's "backoff" idle strategy: until the instant {@code busyUntilNanos}
 * gives (System.nanoTime), it only yields the core between polls; otherwise, with no work, it
 * parks, starting at {@code minParkNs} and doubling up to {@code maxParkNs}; any work resets the
 * park to {@code minParkNs}.
 *
 * <p>Why: in invoker mode Aeron's receiver polls its sockets without blocking, so UDP arrival
 * cannot wake a parked transport: a frame is read when the park ends. A Totem rotation is a
 * chain of such arrivals, one per hop, and with backoff alone each hop waited for a park that
 * grew with the rotation time it caused (a 3-node ring under load rotated in tens of
 * milliseconds). Totem pushes the busy instant forward while the ring carries application
 * messages ({@link AeronTransport#pollUntil}), so a busy ring's transports read each frame within
 * microseconds, and an idle ring's park, costing almost no CPU.
 */
final class BusyPollIdleStrategy implements IdleStrategy {

    private final LongSupplier busyUntilNanos;
    private final long minParkNs;
    private final long maxParkNs;
    private long parkNs;

    BusyPollIdleStrategy(LongSupplier busyUntilNanos, long minParkNs, long maxParkNs) {
        this.busyUntilNanos = busyUntilNanos;
        this.minParkNs = minParkNs;
        this.maxParkNs = Math.max(minParkNs, maxParkNs);
        this.parkNs = minParkNs;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (System.nanoTime() - busyUntilNanos.getAsLong() < 0) {
            Thread.yield();
            return;
        }
        LockSupport.parkNanos(parkNs);
        parkNs = Math.min(maxParkNs, parkNs * 2);
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
