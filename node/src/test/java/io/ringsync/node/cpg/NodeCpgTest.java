package io.ringsync.node.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgGroupHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.node.Json;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.protocol.totem.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPG in two real nodes: an embedded process (the Java API) on node 1 and a {@link CpgClient} on
 * node 2's IPC socket share a group: each gets the other's messages and the membership changes;
 * {@code ringsync cpg list} shows them; a client killed while sending leaves with PROCDOWN;
 * broken requests get an error naming what is wrong and the node keeps serving.
 */
class NodeCpgTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String G = "shared";

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

    private Path socket(int index) {
        return nodes.get(index).settings().system().ipcSocket();
    }

    /** The embedded process 4242 of node 1 joins, once both nodes are in one synced ring. */
    /**
     * Joins the embedded process and waits until it has seen both its own join and a ring of
     * both nodes, whichever comes first (the join may be ordered before or after node 2 arrives).
     */
    private CpgGroupHandle joinEmbedded(TestProbe<CpgNotification> events) {
        Cpg cpg = CpgNodeService.api(nodes.get(0)).orElseThrow();
        TestProbe<Object> poll = kit.createTestProbe();
        CpgGroupHandle handle = poll.awaitAssert(WAIT, Duration.ofMillis(200),
                () -> cpg.join(G, 4242, true, events.ref()::tell).toCompletableFuture().get(20, TimeUnit.SECONDS));
        CpgMember self = new CpgMember(1, 4242);
        boolean joined = false;
        boolean bothNodes = false;
        while (!joined || !bothNodes) {
            CpgEvent event = events.receiveMessage(WAIT).event();
            bothNodes |= event instanceof CpgTotemConfChg t && t.members().size() == 2;
            joined |= event instanceof CpgConfChg c && c.joined().stream().anyMatch(a -> a.member().equals(self));
        }
        return handle;
    }

    private static CpgEvent nextEvent(CpgClient client) throws InterruptedException {
        Optional<CpgNotification> event = client.nextEvent(WAIT);
        assertTrue(event.isPresent(), "an event within " + WAIT);
        return event.get().event();
    }

    /** Joins, retrying while a sync round runs. */
    private static void join(CpgClient client) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        CpgResult result;
        while ((result = client.join(G, false)) == CpgResult.TRY_AGAIN && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(CpgResult.OK, result);
    }

    @Test
    void anEmbeddedProcessAndAClientOfAnotherNodeShareAGroup() throws Exception {
        TestProbe<CpgNotification> events = kit.createTestProbe();
        CpgGroupHandle embedded = joinEmbedded(events);
        CpgMember e = new CpgMember(1, 4242);
        try (CpgClient client = CpgClient.connect(socket(1), Duration.ofSeconds(20), 777)) {
            join(client);
            CpgMember c = new CpgMember(2, 777);
            CpgConfChg joined = new CpgConfChg(G, List.of(e, c), List.of(), List.of(new CpgAddress(c, CpgReason.JOIN)));
            assertEquals(joined, nextEvent(client));
            assertEquals(joined, events.receiveMessage(WAIT).event());

            assertEquals(CpgResult.OK, client.mcast(G, Delivery.SAFE, bytes("from the client")));
            embedded.mcast(Delivery.AGREED, bytes("from the embedded")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            CpgDeliver fromClient = new CpgDeliver(G, c, true, bytes("from the client"));
            CpgDeliver fromEmbedded = new CpgDeliver(G, e, false, bytes("from the embedded"));
            List<CpgEvent> seenByClient = List.of(nextEvent(client), nextEvent(client));
            assertTrue(seenByClient.containsAll(List.of(fromClient, fromEmbedded)), seenByClient.toString());
            assertEquals(seenByClient, List.of(events.receiveMessage(WAIT).event(), events.receiveMessage(WAIT).event()),
                    "one order on both nodes");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "cpg", "list",
                    "-s", socket(0).toString());
            assertEquals(0, code);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of("Group Name", "PID", "Node ID"), List.of(lines.get(0).split("\\s{2,}")),
                    lines.get(0));
            assertEquals(List.of(G, "4242 1", "777 2"), lines.subList(1, 4).stream()
                    .map(l -> l.trim().replaceAll("\\s+", " ")).toList());

            assertEquals(CpgResult.OK, client.leave(G));
            CpgConfChg left = new CpgConfChg(G, List.of(e), List.of(new CpgAddress(c, CpgReason.LEAVE)), List.of());
            assertEquals(left, nextEvent(client));
            assertEquals(left, events.receiveMessage(WAIT).event());
            assertEquals(CpgResult.NOT_EXIST, client.mcast(G, Delivery.AGREED, bytes("gone")));
        }
    }

    @Test
    void aClientKilledWhileSendingLeavesWithProcdownAndTheNodeCarriesOn() throws Exception {
        TestProbe<CpgNotification> events = kit.createTestProbe();
        joinEmbedded(events);
        CpgClient client = CpgClient.connect(socket(1), Duration.ofSeconds(20), 778);
        join(client);
        events.receiveMessage(WAIT);
        AtomicLong accepted = new AtomicLong();
        Thread sender = new Thread(() -> {
            try {
                while (!client.closed()) {
                    if (client.mcast(G, Delivery.AGREED, new byte[512]) == CpgResult.OK) {
                        accepted.incrementAndGet();
                    }
                }
            } catch (Exception expected) {
                // the connection was cut under the sender
            }
        });
        sender.start();
        TestProbe<Object> poll = kit.createTestProbe();
        poll.awaitAssert(WAIT, Duration.ofMillis(20), () -> {
            assertTrue(accepted.get() >= 20, "the client is sending");
            return null;
        });
        client.close();
        CpgConfChg procDown = new CpgConfChg(G, List.of(new CpgMember(1, 4242)),
                List.of(new CpgAddress(new CpgMember(2, 778), CpgReason.PROCDOWN)), List.of());
        events.fishForMessage(WAIT, n -> n.event().equals(procDown) ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        sender.join(WAIT.toMillis());
        try (IpcClient ping = IpcClient.connect(socket(1), Duration.ofSeconds(10))) {
            assertTrue(ping.request("ping").path("pong").asBoolean(), "node 2 still answers");
        }
    }

    @Test
    void brokenCpgRequestsGetAnErrorNamingTheProblemAndOversizedOnesCloseTheConnection() throws Exception {
        try (IpcClient client = IpcClient.connect(socket(0), Duration.ofSeconds(10))) {
            JsonNode missing = client.request(Json.object().put("op", "cpg.join").put("pid", 1));
            assertEquals("cpg.join: missing string field \"group\"", missing.path("error").asText());
            JsonNode badPid = client.request(Json.object().put("op", "cpg.mcast").put("group", G).put("pid", "x"));
            assertEquals("cpg.mcast: missing or negative integer field \"pid\"", badPid.path("error").asText());
            JsonNode longName = client.request(Json.object().put("op", "cpg.join").put("group", "x".repeat(200))
                    .put("pid", 1));
            assertTrue(longName.path("error").asText().startsWith("cpg.join: group name of 200 bytes"), longName.toString());
            JsonNode unknown = client.request("cpg.nope");
            assertTrue(unknown.path("error").asText().startsWith("unknown op \"cpg.nope\""), unknown.toString());
            JsonNode list = client.request("cpg.list");
            assertTrue(list.path("groups").isArray(), list.toString());
        }
        try (IpcClient client = IpcClient.connect(socket(0), Duration.ofSeconds(10))) {
            byte[] header = ByteBuffer.allocate(4).putInt(64 * 1024 * 1024).array();
            client.channel().write(ByteBuffer.wrap(header));
            Optional<byte[]> reply = client.readReply();
            assertTrue(reply.isPresent() && new String(reply.get(), StandardCharsets.UTF_8).contains("oversize request"),
                    "an error reply before the connection is closed");
        }
        try (IpcClient client = IpcClient.connect(socket(0), Duration.ofSeconds(10))) {
            assertTrue(client.request("ping").path("pong").asBoolean(), "the node still answers");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
