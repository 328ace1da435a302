package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.totem.TotemActor.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemActor.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TotemActor}'s subscribers: every configuration change, and every delivery its
 * {@link DeliveryFilter} passes, goes to each of them in the order published;
 * one that subscribes after a ring formed first gets that ring's REGULAR configuration, so it
 * always knows the configuration its deliveries belong to. Owned by one actor instance (lost
 * on restart: see {@link TotemActor}).
 */
final class TotemListeners {

    private final Map<ActorRef<TotemEvent>, DeliveryFilter> subscribers = new LinkedHashMap<>();
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

    void remove(ActorRef<TotemEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Tells {@code event} to every subscriber; a regular configuration becomes the current one. */
    void publish(TotemEvent event) {
        if (event instanceof ConfigurationChanged change && change.kind() == ConfigurationKind.REGULAR) {
            currentRegular = change;
        }
        published++;
        if (event instanceof TotemActor.Delivered delivered) {
            subscribers.forEach((s, filter) -> {
                if (delivered.passes(filter)) {
                    s.tell(event);
                }
            });
        } else {
            subscribers.keySet().forEach(s -> s.tell(event));
        }
    }

    /** The last regular configuration published, or null before the first. */
    ConfigurationChanged currentRegular() {
        return currentRegular;
    }

    int size() {
        return subscribers.size();
    }

    /** Events published so far. */
    long published() {
        return published;
    }
}
