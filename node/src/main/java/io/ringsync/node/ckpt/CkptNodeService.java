package io.ringsync.node.ckpt;

import akka.actor.typed.ActorRef;
import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.CkptActor;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.service.NodeService;
import io.ringsync.protocol.service.ServiceId;
import java.time.Duration;
import java.util.Optional;

/** The checkpoint service as the node runs it: {@link CkptActor} and its IPC operations {@code ckpt.*}. */
public final class CkptNodeService {

    private CkptNodeService() {
    }

    /** The service of a node with {@code settings}. */
    public static NodeService<CkptActor.Command> create(RingsyncSettings settings) {
        return new NodeService<>(ServiceId.CKPT,
                binding -> CkptActor.create(binding, settings.nodeId(), settings.ckpt()),
                (actor, system) -> new CkptIpcHandler(new Ckpt(actor, system.scheduler(), askTimeout(settings)),
                        settings.nodeId()));
    }

    /** The checkpoint actor of {@code node}, if it runs the checkpoint service. */
    @SuppressWarnings("unchecked")
    public static Optional<ActorRef<CkptActor.Command>> actor(RingsyncNode node) {
        return node.service(ServiceId.CKPT).map(ref -> (ActorRef<CkptActor.Command>) ref);
    }

    /** The Java API of {@code node}'s checkpoint service, if it runs it. */
    public static Optional<Ckpt> api(RingsyncNode node) {
        return actor(node).map(ref -> new Ckpt(ref, node.system().scheduler(), askTimeout(node.settings())));
    }

    /** An ask outlasts the service's own request timeout, so that the service's TIMEOUT answer comes first. */
    private static Duration askTimeout(RingsyncSettings settings) {
        return Duration.ofMillis(settings.ckpt().requestTimeoutMs()).plusSeconds(10);
    }
}
