package io.ringsync.node.bench;

import akka.actor.typed.ActorRef;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The link from the receiving side (a Totem listener) to the {@link BenchSender}: how many of this
 * node's own DATA messages were delivered back to it, a wake-up for a sender waiting for one, and,
 * in latency mode, each own delivery with its time. Thread-safe.
 */
final class OwnDeliveries {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean wakeWanted = new AtomicBoolean();
    private volatile ActorRef<BenchSender.Command> sender;
    private volatile boolean reportEach;

    /** Connects the sender; with {@code reportEach} every own delivery is told to it as {@link BenchSender.OwnDelivered}. */
    void connect(ActorRef<BenchSender.Command> sender, boolean reportEach) {
        this.reportEach = reportEach;
        this.sender = sender;
    }

    /** Own DATA messages delivered so far. */
    long delivered() {
        return delivered.get();
    }

    /** The sender waits: the next own delivery tells it {@link BenchSender.Wake}. */
    void wakeOnNext() {
        wakeWanted.set(true);
    }

    /** Called by the receiver, in delivery order, for each own DATA message. */
    void onDelivered(long counter, long nanos) {
        delivered.incrementAndGet();
        ActorRef<BenchSender.Command> target = sender;
        if (target == null) {
            return;
        }
        if (reportEach) {
            target.tell(new BenchSender.OwnDelivered(counter, nanos));
        } else if (wakeWanted.compareAndSet(true, false)) {
            target.tell(BenchSender.Wake.INSTANCE);
        }
    }
}
