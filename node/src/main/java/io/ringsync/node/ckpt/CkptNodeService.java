package io.ringsync.node.ckpt;

import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.CkptActor;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.service.ServiceId;
import java.time.Duration;

/** The checkpoint service as the node runs it: {@link CkptActor} and its IPC operations {@code ckpt.*}. */
public final class CkptNodeService {

    private CkptNodeService() {
    }

    /** The service of a node with {@code settings}. */
    public static NodeService<CkptActor.Command> create(RingsyncSettings settings) {
        Duration askTimeout = Duration.ofMillis(settings.ckpt().requestTimeoutMs()).plusSeconds(10);
        return new NodeService<>(ServiceId.CKPT,
                binding -> CkptActor.create(binding, settings.nodeId(), settings.ckpt()),
                (actor, system) -> new CkptIpcHandler(new Ckpt(actor, system.scheduler(), askTimeout), settings.nodeId()));
    }
}
