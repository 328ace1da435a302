package io.ringsync.node.cmap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.service.ServiceId;
import java.util.List;
import java.util.Optional;

/** The runtime database and cfg operations as the node runs them: {@link CmapActor}, IPC ops {@code cmap.*} and {@code cfg.*}. */
public final class CmapNodeService {

    private CmapNodeService() {
    }

    /** The service of a node with {@code settings}; start it after the quorum service, whose status it shows. */
    public static NodeService<CmapActor.Command> create(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.CMAP, (binding, node) -> CmapActor.create(binding, node, settings),
                (actor, system) -> new CmapIpcHandler(api(actor, system), settings.nodeId()), List.of("cfg"));
    }

    /** The CMAP actor of {@code node}, if it runs CMAP. */
    @SuppressWarnings("unchecked")
    public static Optional<ActorRef<CmapActor.Command>> actor(RingsyncNode node) {
        return node.service(ServiceId.CMAP).map(ref -> (ActorRef<CmapActor.Command>) ref);
    }

    /** The Java API of {@code node}'s CMAP, if it runs CMAP (reads and writes wait as long as the IPC handler's). */
    public static Optional<Cmap> api(RingsyncNode node) {
        return actor(node).map(ref -> api(ref, node.system()));
    }

    private static Cmap api(ActorRef<CmapActor.Command> actor, ActorSystem<?> system) {
        return new Cmap(actor, system.scheduler(), CmapIpcHandler.WAIT);
    }
}
