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
 * <p>Why the busy window: in invoker mode Aeron's receiver polls its sockets without blocking,
 * so with a plain park UDP arrival cannot wake the transport: a frame is read when the park
 * ends, and a Totem rotation, a chain of such arrivals, slowed to tens of milliseconds. The
 * transport now sleeps on its sockets ({@link SocketWaiter#await}), which a datagram ends; the
 * busy window, which Totem pushes forward while the ring carries application messages
 * ({@link AeronTransport#pollUntil}), still saves the wake-up on each hop (lower latency) for
 * a share of a core, and an idle ring sleeps, costing almost no CPU.
 *
 * <p>The park: for {@code warmNs} after the busy window, the given warm park
 * ({@link SocketWaiter#await}, which a datagram or an offer ends); later,
 * {@link LockSupport#parkNanos}, which only an offer's unpark ends early (a {@code warmNs} of 0:
 * always). Why not wait on the
 * sockets always: a node whose ring carries no application messages gets a datagram every few
 * milliseconds (Aeron's heartbeats and status messages, link pings, the idle token), and waking
 * for each one instead of reading them together when the park ends cost about 1 % of a core
 * more per idle node (measured: 2.6-3.0 % against 1.4-1.7 %).
 */
final class BusyPollIdleStrategy implements IdleStrategy {

    private final LongSupplier busyUntilNanos;
    private final long minParkNs;
    private final long maxParkNs;
    private final LongConsumer warmPark;
    private final long warmNs;
    private long parkNs;

    /**
     * Parks with {@code warmPark} (given the park's length in nanoseconds) for {@code warmNs}
     * after the busy window, with {@link LockSupport#parkNanos} after that.
     */
    BusyPollIdleStrategy(LongSupplier busyUntilNanos, long minParkNs, long maxParkNs, LongConsumer warmPark,
                         long warmNs) {
        this.busyUntilNanos = busyUntilNanos;
        this.warmPark = warmPark;
        this.warmNs = warmNs;
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
        long sinceBusy = System.nanoTime() - busyUntilNanos.getAsLong();
        if (sinceBusy < 0) {
            Thread.yield();
            return;
        }
        if (sinceBusy < warmNs) {
            warmPark.accept(parkNs);
        } else {
            LockSupport.parkNanos(parkNs);
        }
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
