package io.ringsync.node.service;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.ipc.QuorumIpcHandler;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.QuorumActor;

/** votequorum as a node service: the {@link QuorumActor} and its IPC operations ({@code quorum.*}). */
public final class QuorumNodeService {

    private QuorumNodeService() {
    }

    /** The quorum service of the node of {@code settings}. */
    public static NodeService<QuorumActor.Command> of(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.QUORUM, binding -> QuorumActor.create(binding, settings),
                (actor, system) -> new QuorumIpcHandler(actor, system.scheduler(), settings));
    }
}
