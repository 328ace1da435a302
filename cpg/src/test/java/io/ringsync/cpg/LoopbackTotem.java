package io.ringsync.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a one-node Totem in actor tests: it answers every multicast and delivers it
 * straight back to its subscribers, in order; a new subscriber first gets a ring of node
 * {@link #NODE} alone (TRANSITIONAL then REGULAR). {@link Full} makes it answer application
 * multicasts with TRY_AGAIN, as Totem does when its queue is full.
 */
final class LoopbackTotem {

    static final int NODE = 1;
    static final RingId RING = new RingId(NODE, 4);

    /** Answer application multicasts with TRY_AGAIN ({@code full}) or accept them. */
    record Full(boolean full) {
    }

    private LoopbackTotem() {
    }

    static Behavior<Object> create() {
        return Behaviors.setup(context -> {
            List<ActorRef<TotemEvent>> subscribers = new ArrayList<>();
            boolean[] full = {false};
            long[] seq = {0};
            return Behaviors.receive(Object.class)
                    .onMessage(TotemActor.Subscribe.class, subscribe -> {
                        subscribers.add(subscribe.subscriber());
                        subscribe.subscriber().tell(new TotemEvent.ConfigurationChanged(ConfigurationKind.TRANSITIONAL,
                                RING, List.of(NODE), List.of(), List.of()));
                        subscribe.subscriber().tell(new TotemEvent.ConfigurationChanged(ConfigurationKind.REGULAR,
                                RING, List.of(NODE), List.of(), List.of(NODE)));
                        return Behaviors.same();
                    })
                    .onMessage(Full.class, f -> {
                        full[0] = f.full();
                        return Behaviors.same();
                    })
                    .onMessage(TotemActor.MulticastSync.class, m -> {
                        m.replyTo().tell(TotemActor.MulticastResult.ACCEPTED);
                        deliver(subscribers, ++seq[0], m.delivery(), m.payload());
                        return Behaviors.same();
                    })
                    .onMessage(TotemActor.Multicast.class, m -> {
                        if (full[0]) {
                            m.replyTo().tell(TotemActor.MulticastResult.TRY_AGAIN);
                            return Behaviors.same();
                        }
                        m.replyTo().tell(TotemActor.MulticastResult.ACCEPTED);
                        deliver(subscribers, ++seq[0], m.delivery(), m.payload());
                        return Behaviors.same();
                    })
                    .onAnyMessage(other -> Behaviors.same())
                    .build();
        });
    }

    private static void deliver(List<ActorRef<TotemEvent>> subscribers, long seq, Delivery delivery,
                                byte[] payload) {
        TotemEvent.Delivered delivered = new TotemEvent.Delivered(NODE, RING, seq, delivery, payload);
        subscribers.forEach(s -> s.tell(delivered));
    }
}
