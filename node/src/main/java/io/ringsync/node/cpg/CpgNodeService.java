package io.ringsync.node.cpg;

import akka.actor.typed.ActorRef;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgActor;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.service.ServiceId;
import java.util.Optional;

/** CPG as the node runs it: the {@link CpgActor} and its IPC operations ({@link CpgIpcHandler}). */
public final class CpgNodeService {

    private CpgNodeService() {
    }

    /** The node service of the node {@code settings} describe. */
    public static NodeService<CpgActor.Command> create(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.CPG, binding -> CpgActor.create(binding, settings.nodeId()),
                CpgIpcHandler::new);
    }

    /** The CPG actor of {@code node}, if it runs CPG. */
    @SuppressWarnings("unchecked")
    public static Optional<ActorRef<CpgActor.Command>> actor(RingsyncNode node) {
        return node.service(ServiceId.CPG).map(ref -> (ActorRef<CpgActor.Command>) ref);
    }

    /** The Java API of {@code node}'s CPG, if it runs CPG. */
    public static Optional<Cpg> api(RingsyncNode node) {
        return actor(node).map(ref -> Cpg.of(ref, node.system()));
    }
}
