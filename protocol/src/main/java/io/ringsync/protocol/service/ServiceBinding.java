package io.ringsync.protocol.service;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.DeliveryFilter;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What a service actor is given to reach Totem: the Totem actor, the node's sync barrier, and how
 * to subscribe to Totem's events (in a node, through the guardian, so the subscription survives
 * Totem restarts; in a test, straight to Totem). It also carries out a {@link ServiceChannel}'s
 * actions, so no service writes that twice.
 *
 * @param totem     the node's Totem actor (created with {@code holdUntilSynced})
 * @param barrier   the node's sync barrier, which must list this service
 * @param subscriber subscribes an actor to Totem's events with a delivery filter
 */
public record ServiceBinding(ActorRef<TotemActor.Command> totem, ActorRef<ServiceSyncBarrier.Command> barrier,
                             BiConsumer<ActorRef<TotemEvent>, DeliveryFilter> subscriber) {

    /** A binding that subscribes straight to {@code totem} (tests, or a node without restarts). */
    public static ServiceBinding direct(ActorRef<TotemActor.Command> totem, ActorRef<ServiceSyncBarrier.Command> barrier) {
        return new ServiceBinding(totem, barrier, (actor, filter) -> totem.tell(new TotemActor.Subscribe(actor, filter)));
    }

    /**
     * Subscribes {@code actor} to Totem's configuration changes and to {@code service}'s messages
     * only (a {@link DeliveryFilter} on the envelope's first byte).
     */
    public void subscribe(ServiceId service, ActorRef<TotemEvent> actor) {
        subscriber.accept(actor, DeliveryFilter.tagged(service.code()));
    }

    /**
     * Carries out {@code actions}: sync multicasts (answers to {@code replyTo}), the round's end to
     * the barrier, a needed new ring as a Totem rejoin.
     */
    public void carryOut(List<ServiceChannel.Action> actions, ActorRef<TotemActor.MulticastResult> replyTo) {
        for (ServiceChannel.Action action : actions) {
            if (action instanceof ServiceChannel.MulticastSync sync) {
                totem.tell(new TotemActor.MulticastSync(Delivery.AGREED, sync.payload(), replyTo));
            } else if (action instanceof ServiceChannel.Synced synced) {
                barrier.tell(new ServiceSyncBarrier.Synced(synced.service(), synced.ringId()));
            } else if (action instanceof ServiceChannel.RingNeeded needed) {
                totem.tell(new TotemActor.Rejoin("the " + needed.service() + " service came in after ring "
                        + needed.ringId() + " formed and cannot finish its sync round"));
            }
        }
    }

    /** Multicasts {@code body} as an application message of {@code service}. */
    public void multicast(ServiceId service, Delivery delivery, byte[] body,
                          ActorRef<TotemActor.MulticastResult> replyTo) {
        totem.tell(new TotemActor.Multicast(delivery, ServiceEnvelope.app(service, body), replyTo));
    }
}
