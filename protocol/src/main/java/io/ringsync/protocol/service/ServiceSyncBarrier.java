package io.ringsync.protocol.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemActor;
import java.util.Set;

/**
 * The actor around a {@link SyncBarrier}: services report {@link Synced}; when the last service of
 * the node has finished a ring's round, Totem is told {@link TotemActor.SyncCompleted} and the
 * application messages it held back flow. Totem must be created with {@code holdUntilSynced}.
 */
public final class ServiceSyncBarrier {

    /** This actor's protocol. */
    public sealed interface Command permits Synced {
    }

    /** {@code service} has finished the sync round of {@code ringId} on this node. */
    public record Synced(ServiceId service, RingId ringId) implements Command {
    }

    private ServiceSyncBarrier() {
    }

    /** A barrier over {@code services} releasing {@code totem}. */
    public static Behavior<Command> create(ActorRef<TotemActor.Command> totem, Set<ServiceId> services) {
        return Behaviors.setup(context -> {
            SyncBarrier barrier = new SyncBarrier(services);
            return Behaviors.receive(Command.class)
                    .onMessage(Synced.class, synced -> {
                        barrier.synced(synced.service(), synced.ringId()).ifPresent(ring -> {
                            context.getLog().debug("services synced in ring {}", ring);
                            totem.tell(new TotemActor.SyncCompleted(ring));
                        });
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
