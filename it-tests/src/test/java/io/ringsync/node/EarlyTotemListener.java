package io.ringsync.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts a {@link RingsyncNode} whose Totem has a listener from its very first message on, for
 * it-tests' traffic nodes. {@link RingsyncNode#subscribeTotemEvents(Consumer)} after
 * {@code start} subscribes a little later: a node that joins a running ring quickly could
 * deliver messages before that, and a delivery log missing them would look like a virtual
 * synchrony violation. Here Totem's own setup puts the subscription first in its mailbox, ahead
 * of any frame or timer, and does so again after every restart of Totem. (In this package for
 * {@code RingsyncNode}'s test hook, which wraps Totem's behavior.)
 */
public final class EarlyTotemListener {

    private EarlyTotemListener() {
    }

    /** Starts a node from {@code settings}; {@code listener} gets every Totem event, in order, on one actor. */
    public static RingsyncNode start(RingsyncSettings settings, Consumer<TotemEvent> listener)
            throws IOException {
        AtomicReference<ActorRef<TotemEvent>> tap = new AtomicReference<>();
        return RingsyncNode.start(settings, totem -> Behaviors.setup(context -> {
            ActorRef<TotemEvent> subscriber = tap.updateAndGet(existing -> existing != null ? existing
                    : context.getSystem().systemActorOf(calling(listener), "totem-listener", Props.empty()));
            context.getSelf().tell(new TotemActor.Subscribe(subscriber));
            return totem;
        }));
    }

    private static Behavior<TotemEvent> calling(Consumer<TotemEvent> listener) {
        return Behaviors.receive(TotemEvent.class).onAnyMessage(event -> {
            listener.accept(event);
            return Behaviors.same();
        }).build();
    }
}
