package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber of one node's TotemActor that records every event, readable from the test thread. */
final class TotemEventLog {

    private final List<TotemEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger batches = new AtomicInteger();

    /** A new log subscribed to {@code node}'s TotemActor. */
    static TotemEventLog subscribe(LocalCluster.Node node, String name) {
        TotemEventLog log = new TotemEventLog();
        ActorRef<TotemEvent> recorder = node.kit().spawn(Behaviors.receive(TotemEvent.class)
                .onAnyMessage(event -> {
                    log.events.add(event);
                    return Behaviors.same();
                }).build(), name);
        node.totem().tell(new TotemActor.Subscribe(recorder));
        return log;
    }

    /** A new log subscribed to {@code node}'s TotemActor for {@link TotemActor.EventBatch}es passing {@code filter}. */
    static TotemEventLog subscribeBatches(LocalCluster.Node node, String name, DeliveryFilter filter) {
        TotemEventLog log = new TotemEventLog();
        ActorRef<TotemActor.EventBatch> recorder = node.kit().spawn(Behaviors.receive(TotemActor.EventBatch.class)
                .onAnyMessage(batch -> {
                    log.events.addAll(batch.events());
                    log.batches.incrementAndGet();
                    return Behaviors.same();
                }).build(), name);
        node.totem().tell(new TotemActor.SubscribeBatches(recorder, filter));
        return log;
    }

    /** The batches received so far (a log subscribed for batches). */
    int batches() {
        return batches.get();
    }

    /** Every event so far, in order. */
    List<TotemEvent> events() {
        return List.copyOf(events);
    }

    /** The deliveries so far, in order. */
    List<Delivered> delivered() {
        return events.stream().filter(Delivered.class::isInstance).map(Delivered.class::cast).toList();
    }

    /** The configuration changes so far, in order. */
    List<ConfigurationChanged> configurations() {
        return events.stream().filter(ConfigurationChanged.class::isInstance).map(ConfigurationChanged.class::cast)
                .toList();
    }

    /** The configuration changes after the first {@code skip} ones. */
    List<ConfigurationChanged> configurationsAfter(int skip) {
        List<ConfigurationChanged> all = configurations();
        return new ArrayList<>(all.subList(Math.min(skip, all.size()), all.size()));
    }

    /** The last REGULAR configuration so far, or null. */
    ConfigurationChanged lastRegular() {
        ConfigurationChanged last = null;
        for (ConfigurationChanged change : configurations()) {
            if (change.kind() == ConfigurationKind.REGULAR) {
                last = change;
            }
        }
        return last;
    }
}
