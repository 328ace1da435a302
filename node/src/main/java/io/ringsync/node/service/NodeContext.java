package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.QuorumActor;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a node service may use of its node besides Totem: the services started before it (their
 * references are stable across their restarts) and a way to make the whole node leave the ring
 * and stop ({@code ringsync cfg shutdown}, {@code cfg kill}).
 *
 * @param services the services started before this one, by id
 * @param stopNode asks the node to leave the ring gracefully and stop, for the given reason
 * @param live     the settings the transport, link monitor and Totem run with, changed by a reload
 */
public record NodeContext(Map<ServiceId, ActorRef<?>> services, Consumer<String> stopNode, LiveSettings live) {

    /** Copies the map. */
    public NodeContext {
        services = Map.copyOf(services);
    }

    /** The quorum service, when the node runs it and started it before. */
    @SuppressWarnings("unchecked")
    public Optional<ActorRef<QuorumActor.Command>> quorum() {
        return Optional.ofNullable((ActorRef<QuorumActor.Command>) services.get(ServiceId.QUORUM));
    }
}
