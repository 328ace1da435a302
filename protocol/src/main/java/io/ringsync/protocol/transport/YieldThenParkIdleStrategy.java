package io.ringsync.protocol.transport;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;

/**
 * The transport thread's idle strategy: for {@code yieldWindowNs} after the last work it only
 * yields the core ({@link Thread#yield()}), so a frame arriving during a burst of traffic (the
 * next token, a multicast) is read within microseconds; after that it parks, starting at
 * {@code minParkNs} and doubling up to {@code maxParkNs}, so an idle node sleeps.
 *
 * <p>Why: UDP arrival cannot wake the thread (in invoker mode Aeron's receiver polls its sockets
 * without blocking), so a parked transport reads a frame only when its park ends. With plain
 * exponential backoff every Totem hop waited for the receiver's park, which grew with the
 * rotation time it caused: under load a rotation took tens of milliseconds. A ring under load
 * hands the token on well within the yield window, so its transports never park; an idle ring
 * (the token held by the representative) costs one window per frame.
 */
final class YieldThenParkIdleStrategy implements IdleStrategy {

    private final long yieldWindowNs;
    private final long minParkNs;
    private final long maxParkNs;
    private long lastWorkNs = System.nanoTime();
    private long parkNs;

    YieldThenParkIdleStrategy(long yieldWindowNs, long minParkNs, long maxParkNs) {
        this.yieldWindowNs = yieldWindowNs;
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
        long now = System.nanoTime();
        if (now - lastWorkNs < yieldWindowNs) {
            Thread.yield();
            return;
        }
        LockSupport.parkNanos(parkNs);
        parkNs = Math.min(maxParkNs, parkNs * 2);
    }

    @Override
    public void reset() {
        lastWorkNs = System.nanoTime();
        parkNs = minParkNs;
    }

    @Override
    public String alias() {
        return "yield-then-park";
    }
}
