package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ipc.NodeIpcHandler;
import io.ringsync.node.ipc.QuorumIpcHandler;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.Quorum;
import io.ringsync.quorum.QuorumActor;
import java.util.List;
import java.util.Optional;

/** votequorum as a node service: the {@link QuorumActor} and its IPC operations ({@code quorum.*}). */
public final class QuorumNodeService {

    private QuorumNodeService() {
    }

    /**
     * The quorum service of the node of {@code settings}; restarted, it starts from the node's
     * {@link LiveSettings} (the votes and expected votes of the last committed reload).
     */
    public static NodeService<QuorumActor.Command> of(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.QUORUM,
                (binding, node) -> node.live().starting(current -> QuorumActor.create(binding, current)),
                (actor, system) -> new QuorumIpcHandler(actor, system.scheduler(), settings), List.of());
    }

    /** The quorum actor of {@code node}, if it runs quorum. */
    @SuppressWarnings("unchecked")
    public static Optional<ActorRef<QuorumActor.Command>> actor(RingsyncNode node) {
        return node.service(ServiceId.QUORUM).map(ref -> (ActorRef<QuorumActor.Command>) ref);
    }

    /** The Java API of {@code node}'s quorum, if it runs quorum (status reads as the IPC handler's). */
    public static Optional<Quorum> api(RingsyncNode node) {
        return actor(node).map(ref -> new Quorum(ref, node.system().scheduler(), NodeIpcHandler.STATUS_TIMEOUT));
    }
}
