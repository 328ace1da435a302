package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SocketWaiter}: a wait of a minute ends when a datagram reaches a watched channel or
 * someone wakes it, and a wake that comes first is kept for the next wait. Each check waits at
 * most 20 s for what would otherwise take the whole minute, so none depends on the machine's speed.
 */
class SocketWaiterTest {

    private static final long LONG_WAIT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long DEADLINE_S = 20;

    private final SocketWaiter waiter = new SocketWaiter();
    private DatagramChannel receiver;
    private DatagramChannel sender;

    @BeforeEach
    void open() throws Exception {
        receiver = DatagramChannel.open();
        receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver.configureBlocking(false);
        sender = DatagramChannel.open();
    }

    @AfterEach
    void close() throws Exception {
        waiter.close();
        receiver.close();
        sender.close();
    }

    @Test
    void aDatagramEndsTheWait() throws Exception {
        waiter.watch(() -> receiver);
        CompletableFuture<Void> waited = waitInBackground();
        sendUntilWoken(waited);
        assertEquals(1, waiter.watchedChannels());
        ByteBuffer read = ByteBuffer.allocate(16);
        assertTrue(receiver.receive(read) != null, "the datagram is still there for its reader");
    }

    @Test
    void aWakeEndsTheWait() throws Exception {
        CompletableFuture<Void> waited = waitInBackground();
        while (!waited.isDone()) {
            waiter.wake();
            waited.get(DEADLINE_S, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWakeBeforeTheWaitIsKept() throws Exception {
        waiter.wake();
        waitInBackground().get(DEADLINE_S, TimeUnit.SECONDS);
    }

    @Test
    void aChannelThatOpensLaterIsWatchedOnceOpen() throws Exception {
        AtomicReference<DatagramChannel> opened = new AtomicReference<>();
        waiter.watch(opened::get);
        waiter.wake();
        waiter.await(LONG_WAIT_NS);
        assertEquals(0, waiter.watchedChannels(), "not open yet");
        opened.set(receiver);
        waiter.wake();
        waiter.await(LONG_WAIT_NS);
        assertEquals(1, waiter.watchedChannels());
        sendUntilWoken(waitInBackground());
    }

    @Test
    void aClosedChannelIsDropped() throws Exception {
        waiter.watch(() -> receiver);
        receiver.close();
        waiter.wake();
        waiter.await(LONG_WAIT_NS);
        assertEquals(0, waiter.watchedChannels());
    }

    private CompletableFuture<Void> waitInBackground() {
        return CompletableFuture.runAsync(() -> waiter.await(LONG_WAIT_NS));
    }

    /** Sends datagrams to the receiver until the wait ends (the first may come before the select). */
    private void sendUntilWoken(CompletableFuture<Void> waited) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (!waited.isDone() && System.nanoTime() < deadline) {
            sender.send(ByteBuffer.wrap(new byte[] {1}), receiver.getLocalAddress());
            try {
                waited.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not woken yet: send again
            }
        }
        assertTrue(waited.isDone(), "the wait did not end within " + DEADLINE_S + " s of a datagram");
    }
}
