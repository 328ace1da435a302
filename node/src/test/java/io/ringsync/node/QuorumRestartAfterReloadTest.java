package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.cmap.Cmap;
import io.ringsync.node.cmap.CmapActor;
import io.ringsync.node.cmap.ReloadOutcome;
import io.ringsync.node.fault.ActorCrash;
import io.ringsync.node.service.NodeService;
import io.ringsync.node.service.NodeServices;
import io.ringsync.node.service.QuorumNodeService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quorum service that restarts after a reload starts from the reloaded settings (the node's
 * {@link io.ringsync.node.service.LiveSettings}), not from the file the node was started with: the
 * node's reloaded votes survive the restart.
 */
class QuorumRestartAfterReloadTest {

    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(90);

    @TempDir
    Path dir;

    /** The standard services, the quorum service's actor crashable on demand. */
    private static List<NodeService<?>> crashableQuorum(RingsyncSettings settings) {
        List<NodeService<?>> services = new ArrayList<>();
        for (NodeService<?> service : NodeServices.standard(settings)) {
            services.add(service.id() == ServiceId.QUORUM ? crashable(QuorumNodeService.of(settings)) : service);
        }
        return services;
    }

    private static NodeService<QuorumActor.Command> crashable(NodeService<QuorumActor.Command> quorum) {
        return new NodeService<>(quorum.id(), (binding, node) -> ActorCrash.crashable(
                quorum.starter().apply(binding, node)), quorum.ipcHandler(),
                quorum.extraIpcPrefixes());
    }

    private static QuorumStatus status(RingsyncNode node) throws Exception {
        return QuorumNodeService.api(node).orElseThrow().status().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static void await(String what, RingsyncNode node, java.util.function.Predicate<QuorumStatus> condition)
            throws Exception {
        long end = System.nanoTime() + DEADLINE_NS;
        while (!condition.test(status(node))) {
            assertTrue(System.nanoTime() < end, "waited in vain for " + what + ": " + status(node));
            Thread.sleep(100);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reloadedVotesSurviveAQuorumRestart() throws Exception {
        Path file = TestClusters.write(dir, 1).get(0);
        RingsyncSettings settings = ConfigLoader.load(file);
        try (RingsyncNode node = RingsyncNode.start(settings, UnaryOperator.identity(), crashableQuorum(settings))) {
            await("a quorate ring", node, QuorumStatus::quorate);
            Files.writeString(file, Files.readString(file).replace("votes = 1", "votes = 3"));
            Cmap cmap = new Cmap((ActorRef<CmapActor.Command>) node.service(ServiceId.CMAP).orElseThrow(),
                    node.system().scheduler(), Duration.ofSeconds(30));
            ReloadOutcome outcome = cmap.reload().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertTrue(outcome.committed(), outcome.toString());
            await("the reloaded votes", node, s -> s.totalVotes() == 3);
            var ringBefore = status(node).ringId();

            ActorCrash.crash(QuorumNodeService.actor(node).orElseThrow());
            await("a new ring after the quorum service's restart, with the reloaded votes", node,
                    s -> !s.ringId().equals(ringBefore) && s.totalVotes() == 3 && s.quorate());
        }
    }
}
