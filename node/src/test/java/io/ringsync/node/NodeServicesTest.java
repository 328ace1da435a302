package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's service wiring with a test service ({@link SummingActor}) in three real nodes: the
 * sync round ends on every node and the application messages Totem held back flow; IPC
 * operations reach the service by prefix; a service that restarts (losing its state) makes its
 * node rejoin, and the next sync round gives it the cluster's state back; and a service that
 * subscribes only after its node is in a ring with others (its actor started late: a cold JVM
 * joining a running cluster) makes its node rejoin too, instead of waiting forever in a sync
 * round whose other members finished before it came.
 */
class NodeServicesTest {

    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<SummingActor.Command> summing(RingsyncNode node) {
        return (ActorRef<SummingActor.Command>) node.service(ServiceId.TEST).orElseThrow();
    }

    private static SummingActor.Reading read(RingsyncNode node) throws Exception {
        return AskPattern.<SummingActor.Command, SummingActor.Reading>ask(summing(node), SummingActor.Get::new,
                Duration.ofSeconds(10), node.system().scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    /** Waits until every node's reading passes {@code accept}, all in one synced ring; returns the readings. */
    private List<SummingActor.Reading> awaitReadings(Predicate<SummingActor.Reading> accept) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        List<SummingActor.Reading> readings = new ArrayList<>();
        while (System.nanoTime() < end) {
            readings.clear();
            for (RingsyncNode node : nodes) {
                readings.add(read(node));
            }
            RingId ring = readings.get(0).activeRing();
            if (ring != null && readings.stream().allMatch(r -> ring.equals(r.activeRing()) && accept.test(r))) {
                return List.copyOf(readings);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("readings never settled: " + readings);
    }

    @Test
    void servicesSyncThenCarryTheirMessagesAndARestartedServiceGetsItsStateBack() throws Exception {
        for (Path file : TestClusters.write(dir, 3)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file), b -> b, List.of(SummingActor.nodeService())));
        }
        awaitReadings(r -> true);
        summing(nodes.get(0)).tell(new SummingActor.Add(5));
        summing(nodes.get(1)).tell(new SummingActor.Add(7));
        RingId before = awaitReadings(r -> r.sum() == 12).get(0).activeRing();

        try (IpcClient client = IpcClient.connect(nodes.get(2).settings().system().ipcSocket(), IpcClient.DEFAULT_TIMEOUT)) {
            assertEquals(12, client.request("test.sum").path("sum").asLong());
            JsonNode unknown = client.request("nope.sum");
            assertTrue(unknown.path("error").asText().contains("unknown service \"nope\""), unknown.toString());
        }

        summing(nodes.get(2)).unsafeUpcast().tell(SummingActor.Crash.INSTANCE);
        List<SummingActor.Reading> after = awaitReadings(r -> r.sum() == 12 && r.activeRing().ringSeq() > before.ringSeq());
        summing(nodes.get(2)).tell(new SummingActor.Add(1));
        awaitReadings(r -> r.sum() == 13);
        assertTrue(after.get(2).activeRing().ringSeq() > before.ringSeq(), "node 3 rejoined in a new ring");
    }

    @Test
    void aServiceSubscribingAfterItsNodeJoinedARingOfOthersMakesItRejoinAndSyncs() throws Exception {
        List<Path> files = TestClusters.write(dir, 3);
        for (int i = 0; i < 3; i++) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(files.get(i)), b -> b,
                    List.of(i < 2 ? SummingActor.nodeService() : SummingActor.lateNodeService())));
        }
        RingsyncNode late = nodes.get(2);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (late.totemStats().toCompletableFuture().get(15, TimeUnit.SECONDS).srp().ring().members().size() < 3) {
            assertTrue(System.nanoTime() < end, "node 3 in a ring of three");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        summing(late).tell(SummingActor.SubscribeNow.INSTANCE);
        awaitReadings(r -> true);
        summing(late).tell(new SummingActor.Add(5));
        awaitReadings(r -> r.sum() == 5);
    }
}
