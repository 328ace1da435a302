package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service sync hook over real Aeron (issue 3 section 5): with a TotemActor holding
 * application messages after each REGULAR configuration, a sync message is ordered while an
 * application message queued before it waits, and the application message follows once the
 * node is told its sync round completed. Whether the application message has been delivered
 * before that is not a race: it cannot be originated until {@code SyncCompleted} arrives.
 */
class SyncHookTest {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void applicationMessagesWaitForTheSyncRoundOfTheRing() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotemHoldingForSync().startAll()) {
            List<TotemEventLog> logs = TotemRingChecks.subscribeAll(cluster, ALL);
            Rings.awaitOneRing(cluster, ALL, DEADLINE);
            TestProbe<MulticastResult> replies = cluster.node(1).kit().createTestProbe();
            cluster.node(1).totem().tell(new TotemActor.Multicast(Delivery.AGREED, bytes("app-1"), replies.ref()));
            assertEquals(MulticastResult.ACCEPTED, replies.receiveMessage());
            TestProbe<MulticastResult> syncReplies = cluster.node(2).kit().createTestProbe();
            cluster.node(2).totem().tell(new TotemActor.MulticastSync(Delivery.AGREED, bytes("sync-2"),
                    syncReplies.ref()));
            assertEquals(MulticastResult.ACCEPTED, syncReplies.receiveMessage());

            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                logs.forEach(log -> assertTrue(payloads(log).contains("sync-2"), "sync message everywhere"));
                return null;
            });
            logs.forEach(log -> assertTrue(!payloads(log).contains("app-1"), "held until the sync round ends"));

            poll.awaitAssert(DEADLINE, Duration.ofMillis(200), () -> {
                RingId current = Rings.stats(cluster, 1).srp().ring().ringId();
                cluster.node(1).totem().tell(new TotemActor.SyncCompleted(current));
                logs.forEach(log -> assertTrue(payloads(log).contains("app-1"), "released after SyncCompleted"));
                return null;
            });
            for (TotemEventLog log : logs) {
                List<String> order = payloads(log);
                assertTrue(order.indexOf("sync-2") < order.indexOf("app-1"), "sync before application: " + order);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> payloads(TotemEventLog log) {
        return log.delivered().stream().map(Delivered::payload).map(p -> new String(p, StandardCharsets.UTF_8))
                .toList();
    }
}
