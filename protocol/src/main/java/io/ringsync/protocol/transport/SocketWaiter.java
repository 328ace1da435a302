package io.ringsync.protocol.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets the idle transport thread sleep until a datagram reaches one of the driver's sockets, or
 * a frame is offered, instead of sleeping a fixed park.
 *
 * <p>Why: in invoker mode Aeron's receiver reads its sockets without blocking, so a frame that
 * arrives while the transport thread is parked waits for the park to end (up to
 * {@code transport.idle_max_park}), and a busy ring had to keep every transport polling
 * without parking, several spinning threads on a machine of two cores. Here each UDP channel
 * the driver opens (a subscription's receive endpoint, and each publication's send endpoint,
 * which receives the peer's status messages and NAKs) is also registered, for reading, with a
 * selector of our own; the idle strategy's park becomes a {@link Selector#select(long)} that
 * returns as soon as any of them is readable, as Corosync's one epoll loop does. Aeron still
 * reads the sockets itself: the selector only wakes the thread, and its selected keys are
 * discarded.
 *
 * <p>Threads: the driver creates endpoints ({@link #watch}) on whichever thread invokes it (the
 * constructing thread at start, then the transport thread); {@link #await} runs only on the
 * transport thread; {@link #wake} on any thread that offers a frame. A wake with no select in
 * progress makes the next one return at once (the selector keeps it), so none is lost.
 */
final class SocketWaiter implements AutoCloseable {

    private final Selector selector;
    /** Endpoints created by the driver whose channel is not registered yet (it opens after creation). */
    private final Queue<Supplier<DatagramChannel>> pending = new ConcurrentLinkedQueue<>();
    /** The transport thread is in (or about to enter) a select. */
    private volatile boolean waiting;
    /** A wake was asked for since the last wait ended. */
    private volatile boolean wakeRequested;

    /** Opens the selector. */
    SocketWaiter() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the transport thread", e);
        }
    }

    /**
     * A channel to wake on, given as its source: an endpoint the driver just created opens its
     * channel later ({@code endpoint::receiveDatagramChannel}, null until then). It is
     * registered before the first wait that finds it open.
     */
    void watch(Supplier<DatagramChannel> channel) {
        pending.add(channel);
    }

    /**
     * Blocks the calling (transport) thread for about {@code nanos}, rounded up to whole
     * milliseconds (the selector's resolution), or less: until a watched socket is readable or
     * {@link #wake} is called.
     */
    void await(long nanos) {
        registerPending();
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        waiting = true;
        try {
            if (!wakeRequested) {
                selector.select(millis);
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("transport selector failed", e);
        } finally {
            waiting = false;
            wakeRequested = false;
        }
    }

    /**
     * Wakes the transport thread if it is waiting, or makes its next wait return at once. The
     * selector's wakeup (a write to its event descriptor, read back by the next select) is paid
     * only when the thread waits: {@link #await} sets {@code waiting} before it reads
     * {@code wakeRequested}, and this sets {@code wakeRequested} before it reads
     * {@code waiting} (both volatile), so at least one side sees the other's write and no
     * wake is lost. A wake that arrives after the wait ended is not needed: the duty cycle that
     * follows every wait does the offered work.
     */
    void wake() {
        wakeRequested = true;
        if (waiting) {
            selector.wakeup();
        }
    }

    /** Channels registered with the selector (for tests). */
    int watchedChannels() {
        return (int) selector.keys().stream().filter(SelectionKey::isValid).count();
    }

    /**
     * Registers each pending endpoint whose channel has opened; drops those whose channel was
     * closed, or failed to open, meanwhile. A closed channel's key is cancelled by the close.
     */
    private void registerPending() {
        for (Iterator<Supplier<DatagramChannel>> it = pending.iterator(); it.hasNext(); ) {
            DatagramChannel channel = it.next().get();
            if (channel == null) {
                continue;
            }
            it.remove();
            if (channel.isOpen()) {
                try {
                    channel.register(selector, SelectionKey.OP_READ);
                } catch (ClosedChannelException e) {
                    // closed between the check and the registration: nothing to wait for
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the transport selector", e);
        }
    }
}
