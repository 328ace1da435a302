package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ipc.NodeIpcHandler;
import io.ringsync.node.ipc.QuorumIpcHandler;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.Quorum;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumDevice;
import io.ringsync.quorum.QuorumSetup;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** votequorum as a node service: the {@link QuorumActor} and its IPC operations ({@code quorum.*}). */
public final class QuorumNodeService {

    private static final Logger log = LoggerFactory.getLogger(QuorumNodeService.class);

    private QuorumNodeService() {
    }

    /** The quorum service of the node of {@code settings}, without an arbiter for a configured device. */
    public static NodeService<QuorumActor.Command> of(RingsyncSettings settings) {
        return of(settings, Optional.empty());
    }

    /**
     * The quorum service of the node of {@code settings}, whose {@code quorum.device} (when
     * configured) decides through {@code arbiter} ({@link QuorumSetup#of(RingsyncSettings, Optional)}:
     * an arbiter without the section is refused). A configured device without an arbiter is
     * logged: its votes are expected but not cast. Restarted, the service starts from the node's
     * {@link LiveSettings} (the votes and expected votes of the last committed reload).
     */
    public static NodeService<QuorumActor.Command> of(RingsyncSettings settings, Optional<QuorumDevice> arbiter) {
        QuorumSetup.of(settings, arbiter);
        settings.quorum().qdevice().filter(device -> arbiter.isEmpty()).ifPresent(device -> log.warn(
                "quorum.device is configured but no arbiter is registered on node {}: its {} votes count in expected"
                        + " votes, none are cast", settings.nodeId(), device.votes()));
        return new NodeService<>(ServiceId.QUORUM,
                (binding, node) -> node.live().starting(current -> QuorumActor.create(binding,
                        QuorumSetup.of(current, arbiter))),
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
