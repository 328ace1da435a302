package io.ringsync.node.cmap;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.service.ServiceId;
import java.util.List;

/** The runtime database and cfg operations as the node runs them: {@link CmapActor}, IPC ops {@code cmap.*} and {@code cfg.*}. */
public final class CmapNodeService {

    private CmapNodeService() {
    }

    /** The service of a node with {@code settings}; start it after the quorum service, whose status it shows. */
    public static NodeService<CmapActor.Command> create(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.CMAP, (binding, node) -> CmapActor.create(binding, node, settings),
                (actor, system) -> new CmapIpcHandler(new Cmap(actor, system.scheduler(), CmapIpcHandler.WAIT),
                        settings.nodeId()), List.of("cfg"));
    }
}
