package io.ringsync.node.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.config.ConfigLoader;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgException;
import io.ringsync.cpg.CpgFlowControl;
import io.ringsync.cpg.CpgGroupHandle;
import io.ringsync.cpg.CpgListener;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import io.ringsync.protocol.totem.Delivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CpgClient} in two groups receives their events in the one total order across groups,
 * the order an embedded process on the other node, listening to the same two groups with one
 * {@link CpgListener}, receives them in; both send to both groups at once. And the client asks
 * the flow control state of its memberships.
 */
class CpgClientOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> GROUPS = List.of("left", "right");
    private static final int EMBEDDED_MESSAGES = 200;
    private static final int CLIENT_MESSAGES = 100;

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private ActorTestKit kit;

    @BeforeEach
    void start() throws Exception {
        for (Path file : TestClusters.write(dir, 2)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        kit = ActorTestKit.create();
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
        nodes.forEach(RingsyncNode::close);
    }

    @Test
    void aClientInTwoGroupsGetsTheirEventsInTheOrderAnEmbeddedListenerGets() throws Exception {
        Cpg cpg = CpgNodeService.api(nodes.get(0)).orElseThrow();
        List<CpgNotification> embeddedLog = Collections.synchronizedList(new ArrayList<>());
        List<CpgGroupHandle> embedded = new ArrayList<>();
        try (CpgListener listener = cpg.listener(embeddedLog::add);
             CpgClient client = CpgClient.connect(nodes.get(1).settings().system().ipcSocket(), Duration.ofSeconds(20),
                     777)) {
            for (String group : GROUPS) {
                TestProbe<Object> poll = kit.createTestProbe();
                embedded.add(poll.awaitAssert(WAIT, Duration.ofMillis(200),
                        () -> cpg.join(group, 4242, false, listener).toCompletableFuture().get(20, TimeUnit.SECONDS)));
                joinRetrying(client, group);
            }
            List<CpgMember> both = List.of(new CpgMember(1, 4242), new CpgMember(2, 777));
            TestProbe<Object> poll = kit.createTestProbe();
            poll.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
                for (String group : GROUPS) {
                    assertEquals(both, cpg.membership(group).toCompletableFuture().get(20, TimeUnit.SECONDS));
                }
                return null;
            });

            CompletableFuture<Void> clientSending = CompletableFuture.runAsync(() -> sendFromClient(client));
            for (int i = 0; i < EMBEDDED_MESSAGES; i++) {
                sendRetrying(embedded.get(i % 2), "embedded " + i);
            }
            clientSending.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            int total = EMBEDDED_MESSAGES + CLIENT_MESSAGES;
            List<CpgDeliver> clientSaw = new ArrayList<>();
            long end = System.nanoTime() + WAIT.toNanos();
            while (clientSaw.size() < total && System.nanoTime() < end) {
                client.nextEvent(Duration.ofSeconds(1)).map(CpgNotification::event)
                        .filter(CpgDeliver.class::isInstance).map(CpgDeliver.class::cast).ifPresent(clientSaw::add);
            }
            poll.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
                assertEquals(total, deliveries(embeddedLog).size(), "the embedded process heard every message");
                return null;
            });
            List<CpgDeliver> embeddedSaw = deliveries(embeddedLog);
            assertEquals(total, clientSaw.size(), "the client heard every message");
            assertEquals(2, clientSaw.stream().map(CpgDeliver::group).distinct().count(), "both groups");
            assertEquals(describe(embeddedSaw), describe(clientSaw),
                    "the client hears both groups interleaved as the embedded listener does");

            assertEquals(CpgFlowControl.DISABLED, client.flowControlState(GROUPS.get(0)));
            assertEquals(CpgFlowControl.DISABLED, embedded.get(1).flowControlState().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS));
            CpgException notMember = assertThrows(CpgException.class, () -> client.flowControlState("elsewhere"));
            assertEquals(CpgResult.NOT_EXIST, notMember.result());
        }
    }

    private static List<CpgDeliver> deliveries(List<CpgNotification> log) {
        synchronized (log) {
            return log.stream().map(CpgNotification::event).filter(CpgDeliver.class::isInstance)
                    .map(CpgDeliver.class::cast).toList();
        }
    }

    /** One line per delivery (group, sender, text): a readable difference when the orders part. */
    private static List<String> describe(List<CpgDeliver> deliveries) {
        return deliveries.stream().map(d -> d.group() + " " + d.sender() + " "
                + new String(d.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static void sendFromClient(CpgClient client) {
        try {
            for (int i = 0; i < CLIENT_MESSAGES; i++) {
                byte[] payload = ("client " + i).getBytes(StandardCharsets.UTF_8);
                long end = System.nanoTime() + WAIT.toNanos();
                CpgResult result;
                while ((result = client.mcast(GROUPS.get(i % 2), Delivery.AGREED, payload)) == CpgResult.TRY_AGAIN
                        && System.nanoTime() < end) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                assertEquals(CpgResult.OK, result, "client message " + i);
            }
        } catch (Exception e) {
            throw new AssertionError("the client's sending failed", e);
        }
    }

    /** Multicasts {@code text} as the embedded process, offering it again while the answer is TRY_AGAIN. */
    private static void sendRetrying(CpgGroupHandle handle, String text) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                handle.mcast(Delivery.AGREED, text.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof CpgException c && c.result() == CpgResult.TRY_AGAIN)
                        || System.nanoTime() > end) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }

    /** Joins, retrying while no synced ring is there. */
    private static void joinRetrying(CpgClient client, String group) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        CpgResult result;
        while ((result = client.join(group, false)) == CpgResult.TRY_AGAIN && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(CpgResult.OK, result, "the client's join of " + group);
    }
}
