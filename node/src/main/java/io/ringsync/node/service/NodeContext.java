package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import io.ringsync.protocol.crypto.KeyRing;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.QuorumActor;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a node service may use of its node besides Totem: the services started before it (their
 * references are stable across their restarts), two ways to make the whole node leave the
 * ring and stop: a shutdown ({@code ringsync cfg shutdown}: the graceful sequence, votequorum's
 * clean leave included) and a kill ({@code cfg kill}: Totem's leave only, as Corosync's kill
 * skips its services' exit functions), and the node's frame keys, which a reload rolls over.
 *
 * @param services     the services started before this one, by id
 * @param stopNode     asks the node to leave the ring and stop, for the given reason (a kill)
 * @param shutdownNode asks the node to stop gracefully, for the given reason (a shutdown)
 * @param live         the settings the transport, link monitor and Totem run with, changed by a reload
 * @param keyRing      the keys the node's transport seals and opens frames with; empty for cipher "none"
 */
public record NodeContext(Map<ServiceId, ActorRef<?>> services, Consumer<String> stopNode,
                          Consumer<String> shutdownNode, LiveSettings live, Optional<KeyRing> keyRing) {

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
