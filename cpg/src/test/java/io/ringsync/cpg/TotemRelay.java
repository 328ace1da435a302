package io.ringsync.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.protocol.totem.TotemActor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands between a node's services and its Totem actor and passes every command on unchanged,
 * keeping the subscriptions. Told {@link RejoinAfterNextMulticast}, it passes the next
 * application {@link TotemActor.Multicast} on and, right behind it in Totem's mailbox, a
 * {@link TotemActor.Rejoin} (what the node's guardian sends when a service restarts), then the
 * subscriptions again, as the guardian does for a restarted Totem. So that multicast is taken into
 * Totem's queue and lost with it, deterministically.
 */
final class TotemRelay {

    /** Make Totem rejoin right after the next application multicast. */
    enum RejoinAfterNextMulticast { INSTANCE }

    private TotemRelay() {
    }

    static Behavior<Object> create(ActorRef<TotemActor.Command> totem) {
        return Behaviors.setup(context -> {
            List<TotemActor.Subscribe> subscriptions = new ArrayList<>();
            boolean[] armed = {false};
            return Behaviors.receive(Object.class)
                    .onMessageEquals(RejoinAfterNextMulticast.INSTANCE, () -> {
                        armed[0] = true;
                        return Behaviors.same();
                    })
                    .onMessage(TotemActor.Subscribe.class, subscribe -> {
                        subscriptions.add(subscribe);
                        totem.tell(subscribe);
                        return Behaviors.same();
                    })
                    .onMessage(TotemActor.Multicast.class, multicast -> {
                        totem.tell(multicast);
                        if (armed[0]) {
                            armed[0] = false;
                            totem.tell(new TotemActor.Rejoin("a test rejoins right behind a multicast"));
                            subscriptions.forEach(totem::tell);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(TotemActor.Command.class, command -> {
                        totem.tell(command);
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
