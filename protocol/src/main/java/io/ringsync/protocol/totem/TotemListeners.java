package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemActor.EventBatch;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TotemActor}'s subscribers: every configuration change, and every delivery its
 * {@link DeliveryFilter} passes, goes to each of them in the order published;
 * one that subscribes after a ring formed first gets that ring's REGULAR configuration, so it
 * always knows the configuration its deliveries belong to. A subscriber gets each event as a
 * message of its own, or, if it subscribed for batches, the events of one step of the core
 * together in one {@link EventBatch} at {@link #flush} (a token visit delivers hundreds of
 * messages: one actor message for all of them instead of one each). Owned by one actor
 * instance (lost on restart: see {@link TotemActor}).
 */
final class TotemListeners {

    /** A batch subscriber's filter and the events it has not been sent yet. */
    private static final class Batcher {
        private final DeliveryFilter filter;
        private List<TotemEvent> pending = new ArrayList<>();

        Batcher(DeliveryFilter filter) {
            this.filter = filter;
        }
    }

    private final Map<ActorRef<TotemEvent>, DeliveryFilter> subscribers = new LinkedHashMap<>();
    private final Map<ActorRef<EventBatch>, Batcher> batchSubscribers = new LinkedHashMap<>();
    private ConfigurationChanged currentRegular;
    private long published;

    /**
     * Adds {@code subscriber} with {@code filter}, telling it the current regular configuration if
     * there is one; false (and the filter replaced) if it was already there.
     */
    boolean add(ActorRef<TotemEvent> subscriber, DeliveryFilter filter) {
        if (subscribers.put(subscriber, filter) != null) {
            return false;
        }
        if (currentRegular != null) {
            subscriber.tell(currentRegular);
        }
        return true;
    }

    /**
     * Adds {@code subscriber} for batches with {@code filter}, telling it the current regular
     * configuration (a batch of one) if there is one; false (and the filter replaced) if it was
     * already there. Called between steps, when every batch was flushed: nothing pending is lost.
     */
    boolean addBatches(ActorRef<EventBatch> subscriber, DeliveryFilter filter) {
        if (batchSubscribers.put(subscriber, new Batcher(filter)) != null) {
            return false;
        }
        if (currentRegular != null) {
            subscriber.tell(new EventBatch(List.of(currentRegular)));
        }
        return true;
    }

    /** Drops {@code subscriber}, of either kind. */
    void remove(ActorRef<?> subscriber) {
        subscribers.remove(subscriber);
        batchSubscribers.remove(subscriber);
    }

    /**
     * Tells {@code event} to every subscriber, or keeps it for the next {@link #flush} of a batch
     * subscriber; a regular configuration becomes the current one.
     */
    void publish(TotemEvent event) {
        if (event instanceof ConfigurationChanged change && change.kind() == ConfigurationKind.REGULAR) {
            currentRegular = change;
        }
        published++;
        if (event instanceof TotemEvent.Delivered delivered) {
            subscribers.forEach((s, filter) -> {
                if (delivered.passes(filter)) {
                    s.tell(event);
                }
            });
            batchSubscribers.values().forEach(batcher -> {
                if (delivered.passes(batcher.filter)) {
                    batcher.pending.add(event);
                }
            });
        } else {
            subscribers.keySet().forEach(s -> s.tell(event));
            batchSubscribers.values().forEach(batcher -> batcher.pending.add(event));
        }
    }

    /** Sends each batch subscriber what was published for it since the last flush, if anything. */
    void flush() {
        batchSubscribers.forEach((s, batcher) -> {
            if (!batcher.pending.isEmpty()) {
                s.tell(new EventBatch(batcher.pending));
                batcher.pending = new ArrayList<>();
            }
        });
    }

    /** The last regular configuration published, or null before the first. */
    ConfigurationChanged currentRegular() {
        return currentRegular;
    }

    /** Subscribers of both kinds. */
    int size() {
        return subscribers.size() + batchSubscribers.size();
    }

    /** Events published so far. */
    long published() {
        return published;
    }
}
