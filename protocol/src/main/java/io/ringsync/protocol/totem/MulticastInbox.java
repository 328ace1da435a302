package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * A thread-safe way into Totem's originate queue for a sender inside the node's JVM, without
 * an actor message each way per message: {@link #offer} answers at once, in the caller's
 * thread, and the Totem actor moves what was offered into its core in batches. It is what
 * {@link TotemActor.Multicast} does, without the mailbox: at 200,000 messages a second the
 * request and its answer are 400,000 actor messages on a 2-core machine.
 *
 * <p><b>Accepted means delivered</b>, as for {@code Multicast}: an accepted message waits here
 * until the core takes it (the core's own queue may be full for a while), then in the core's
 * queue, which survives a restart of the Totem actor ({@link
 * io.ringsync.protocol.totem.srp.AcceptedMessages}); this inbox, made once with the actor's
 * behavior, outlives the restart too. The inbox holds at most its capacity (given when made) of
 * payload; past that, and once the node has left the ring, {@link MulticastResult#TRY_AGAIN}.
 *
 * <p><b>Order.</b> Messages one thread offers are delivered in the order offered. Between this
 * inbox and {@code Multicast} requests of the same sender no order is promised: each is a queue
 * of its own, which Totem drains when it gets to it.
 *
 * <p><b>Wake-ups.</b> The first offer after Totem last {@linkplain #beginDrain began a drain}
 * sends it one wake-up ({@link #attach}); later offers ride on it. Totem also drains after each
 * token visit, when its core may have room again.
 */
public final class MulticastInbox {

    /** Payload the inbox holds at most, by default: four 1 MiB messages, or a few token visits. */
    public static final long DEFAULT_CAPACITY_BYTES = 4L << 20;

    /** One offered message. */
    record Entry(Delivery delivery, byte[] payload) {
    }

    private final ManyToOneConcurrentLinkedQueue<Entry> queue = new ManyToOneConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean wakeSent = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final long capacityBytes;
    private final int maxMessageBytes;
    private volatile Runnable wake = () -> { };
    private volatile boolean closed;

    /**
     * An inbox of at most {@code capacityBytes} of payload, for messages of at most
     * {@code maxMessageBytes}.
     */
    public MulticastInbox(long capacityBytes, int maxMessageBytes) {
        if (maxMessageBytes < 0 || capacityBytes < maxMessageBytes) {
            throw new IllegalArgumentException("an inbox of " + capacityBytes + " bytes cannot hold a message of "
                    + maxMessageBytes + " bytes");
        }
        this.capacityBytes = capacityBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Queues {@code payload} for delivery in the total order to every member, this node
     * included, with {@code delivery}; safe from any thread. The payload is not copied: do not
     * change it afterwards.
     */
    public MulticastResult offer(Delivery delivery, byte[] payload) {
        if (payload.length > maxMessageBytes) {
            tooLarge.incrementAndGet();
            return MulticastResult.TOO_LARGE;
        }
        if (closed) {
            refused.incrementAndGet();
            return MulticastResult.TRY_AGAIN;
        }
        if (queuedBytes.addAndGet(payload.length) > capacityBytes) {
            queuedBytes.addAndGet(-payload.length);
            refused.incrementAndGet();
            return MulticastResult.TRY_AGAIN;
        }
        queue.offer(new Entry(delivery, payload));
        accepted.incrementAndGet();
        if (wakeSent.compareAndSet(false, true)) {
            wake.run();
        }
        return MulticastResult.ACCEPTED;
    }

    /** Offers answered {@link MulticastResult#ACCEPTED}. */
    public long accepted() {
        return accepted.get();
    }

    /** Offers answered {@link MulticastResult#TRY_AGAIN}. */
    public long refused() {
        return refused.get();
    }

    /** Offers answered {@link MulticastResult#TOO_LARGE}. */
    public long tooLarge() {
        return tooLarge.get();
    }

    /**
     * Totem's side: {@code wake} is run (from an offering thread) at the first offer after each
     * {@link #beginDrain}; it must only tell Totem's actor to drain. The last attached wins (the
     * actor's current incarnation).
     */
    void attach(Runnable wake) {
        this.wake = wake;
    }

    /**
     * Totem's side, before it takes messages: the next offer wakes it again. (An offer between
     * this and the end of the drain may wake it once more for nothing; none is left without a
     * wake-up.)
     */
    void beginDrain() {
        wakeSent.set(false);
    }

    /** Totem's side: the oldest message not yet taken, or null. */
    Entry peek() {
        return queue.peek();
    }

    /** Totem's side: the core took the message {@link #peek} returned. */
    void taken(Entry entry) {
        queue.poll();
        queuedBytes.addAndGet(-entry.payload().length);
    }

    /** Totem's side: the node left the ring; every later offer is answered TRY_AGAIN, as a {@code Multicast} is. */
    void close() {
        closed = true;
    }

    /** Whether no message waits. */
    boolean isEmpty() {
        return queue.isEmpty();
    }
}
