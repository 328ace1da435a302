package io.ringsync.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.cpg.CpgActor;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgGroupHandle;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
import io.ringsync.node.FreePorts;
import io.ringsync.node.TestClusters;
import io.ringsync.node.cmap.Cmap;
import io.ringsync.node.cmap.CmapActor;
import io.ringsync.node.cmap.CmapError;
import io.ringsync.node.cmap.CmapEvent;
import io.ringsync.node.cmap.CmapException;
import io.ringsync.node.cmap.CmapReply;
import io.ringsync.node.cmap.CmapValue;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding facade: a node started from a builder and from a typesafe Config stops cleanly
 * and starts again in the same JVM; bad settings are refused naming the key; and in a three-node
 * cluster started from node files, the Java APIs and the actor references work across nodes
 * (quorum, configuration changes, a group joined through the API on one node and through the
 * actor on another, a checkpoint written on one node and read on another); and the runtime
 * database's API and actor set, read, list, track and delete an application's keys and refuse to
 * write the config file's.
 */
class RingsyncTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String G = "embedded";

    @TempDir
    Path dir;

    private final List<Ringsync> nodes = new ArrayList<>();
    private final ActorTestKit kit = ActorTestKit.create();

    @AfterEach
    void stop() {
        nodes.forEach(Ringsync::close);
        kit.shutdownTestKit();
    }

    private RingsyncBuilder oneNode(int port) {
        return Ringsync.builder().clusterName("e" + UUID.randomUUID().toString().substring(0, 8)).nodeId(1)
                .node(1, "127.0.0.1:" + port).runDir(dir.resolve("run")).stateDir(dir.resolve("state"))
                .set("totem.token", "1000ms");
    }

    @Test
    void aNodeStartedFromTheBuilderStopsCleanlyAndStartsAgain() throws Exception {
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(1));
        for (int round = 1; round <= 2; round++) {
            Ringsync ringsync = oneNode(port).start();
            QuorumStatus status = ringsync.quorum().awaitQuorate(WAIT).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1, status.localNodeId());
            assertEquals(1, ringsync.nodeId());
            ringsync.close();
            ringsync.whenStopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertFalse(ringsync.stoppedByFailure(), "round " + round);
            assertFalse(Files.exists(dir.resolve("run")), "run directory removed in round " + round);
        }
    }

    @Test
    void aNodeStartsFromATypesafeConfig() throws Exception {
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(1));
        Map<String, Object> keys = Map.of("cluster_name", "c" + port, "node_id", 1,
                "nodelist", List.of(Map.of("node_id", 1, "links", List.of("127.0.0.1:" + port))),
                "system", Map.of("run_dir", dir.resolve("run").toString(), "state_dir", dir.resolve("state").toString()));
        try (Ringsync ringsync = Ringsync.start(ConfigFactory.parseMap(keys))) {
            assertTrue(ringsync.quorum().awaitQuorate(WAIT).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).quorate());
            assertEquals("c" + port, ringsync.settings().clusterName());
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        InvalidConfigException noId = assertThrows(InvalidConfigException.class,
                () -> Ringsync.builder().clusterName("x").node(1, "127.0.0.1:5405").settings());
        assertTrue(noId.getMessage().contains("node_id"), noId.getMessage());
        InvalidConfigException badToken = assertThrows(InvalidConfigException.class,
                () -> oneNode(5405).set("totem.token", "soon").settings());
        assertTrue(badToken.getMessage().contains("totem.token"), badToken.getMessage());
        InvalidConfigException noFile = assertThrows(InvalidConfigException.class,
                () -> Ringsync.start(dir.resolve("missing.conf")));
        assertTrue(noFile.getMessage().contains("does not exist"), noFile.getMessage());
    }

    @Test
    void cmapKeysAreSetReadListedTrackedAndDeletedThroughTheApiAndTheActor() throws Exception {
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(1));
        try (Ringsync ringsync = oneNode(port).start()) {
            Cmap cmap = ringsync.cmap();
            TestProbe<CmapEvent> events = kit.createTestProbe();
            long track = done(cmap.track("app.", true, EnumSet.allOf(CmapEvent.Kind.class),
                    forwarder(ringsync, "tracker", events.ref())));

            done(cmap.set("app.color", CmapValue.str("blue")));
            assertEquals("blue", done(cmap.get("app.color")).asString());
            assertEvent(events.receiveMessage(WAIT), CmapEvent.Kind.ADD, "app.color");

            TestProbe<CmapReply<Done>> written = kit.createTestProbe();
            ringsync.cmapActor().tell(new CmapActor.SetValue("app.size", CmapValue.u32(3), written.ref()));
            assertTrue(written.receiveMessage(WAIT).ok());
            assertEvent(events.receiveMessage(WAIT), CmapEvent.Kind.ADD, "app.size");
            TestProbe<CmapReply<CmapValue>> read = kit.createTestProbe();
            ringsync.cmapActor().tell(new CmapActor.GetValue("app.size", read.ref()));
            assertEquals(3, read.receiveMessage(WAIT).value().asLong());
            assertEquals(Set.of("app.color", "app.size"), done(cmap.list("app.")).keySet());
            assertEquals(1000, done(cmap.get("totem.token")).asLong());

            assertEquals(CmapError.ACCESS, refusal(cmap.set("totem.token", CmapValue.u32(10))).error());
            done(cmap.delete("app.color"));
            assertEvent(events.receiveMessage(WAIT), CmapEvent.Kind.DELETE, "app.color");
            assertEquals(CmapError.NOT_EXIST, refusal(cmap.get("app.color")).error());
            done(cmap.untrack(track));
            done(cmap.set("app.color", CmapValue.str("red")));
            events.expectNoMessage(Duration.ofMillis(300));
        }
    }

    private static void assertEvent(CmapEvent event, CmapEvent.Kind kind, String key) {
        assertEquals(kind, event.kind(), event.toString());
        assertEquals(key, event.key(), event.toString());
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static CmapException refusal(CompletionStage<?> stage) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> done(stage));
        return assertInstanceOf(CmapException.class, failed.getCause());
    }

    @Test
    void theApisAndActorsWorkAcrossAThreeNodeCluster() throws Exception {
        for (Path file : TestClusters.write(dir, 3)) {
            nodes.add(Ringsync.start(file));
        }
        Ringsync one = nodes.get(0);
        Ringsync two = nodes.get(1);
        Ringsync three = nodes.get(2);

        TestProbe<TotemEvent.ConfigurationChanged> configurations = kit.createTestProbe();
        one.subscribeConfigurationChanges(forwarder(one, "configurations", configurations.ref()));
        configurations.fishForMessage(WAIT, c -> c.kind() == ConfigurationKind.REGULAR && c.members().size() == 3
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

        TestProbe<QuorumStatus> statuses = kit.createTestProbe();
        three.quorumActor().tell(new QuorumActor.Subscribe(forwarder(three, "statuses", statuses.ref())));
        statuses.fishForMessage(WAIT, s -> s.quorate() && s.members().size() == 3
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        statuses.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
            assertEquals(3, two.quorum().status().toCompletableFuture().get(20, TimeUnit.SECONDS).members().size());
            return null;
        });

        // Node 2's application actor joins through the CPG actor; node 1 through the Java API.
        TestProbe<CpgNotification> twoEvents = kit.createTestProbe();
        ActorRef<CpgNotification> twoListener = forwarder(two, "listener", twoEvents.ref());
        TestProbe<CpgResult> results = kit.createTestProbe();
        results.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
            two.cpgActor().tell(new CpgActor.Join(G, 42, twoListener, false, results.ref()));
            assertEquals(CpgResult.OK, results.receiveMessage(Duration.ofSeconds(20)));
            return null;
        });
        TestProbe<CpgNotification> oneEvents = kit.createTestProbe();
        CpgGroupHandle handle = results.awaitAssert(WAIT, Duration.ofMillis(200), () -> one.cpg()
                .join(G, 7, false, oneEvents.ref()::tell).toCompletableFuture().get(20, TimeUnit.SECONDS));

        // A join answered OK is only queued in the total order: the process is a member from its
        // confchg on, and a message ordered before that point does not reach it (closed groups).
        // Node 2 multicasting right after node 1's join was answered could be ordered first (node 1
        // may not have had the token yet), so both wait for node 1's join, and node 2 sends once it
        // delivered node 1's message: then both messages reach both members, in one order.
        CpgMember oneProcess = new CpgMember(1, 7);
        awaitMember(oneEvents, oneProcess);
        awaitMember(twoEvents, oneProcess);
        handle.mcast(Delivery.AGREED, bytes("from the API")).toCompletableFuture().get(20, TimeUnit.SECONDS);
        List<String> twoGot = new ArrayList<>(deliveries(twoEvents, 1));
        two.cpgActor().tell(new CpgActor.Mcast(new CpgHandle(G, 42), Delivery.SAFE, bytes("from the actor"),
                results.ref()));
        assertEquals(CpgResult.OK, results.receiveMessage(WAIT));
        twoGot.addAll(deliveries(twoEvents, 1));
        assertEquals(List.of("from the API", "from the actor"), twoGot);
        assertEquals(List.of("from the API", "from the actor"), deliveries(oneEvents, 2));

        // A checkpoint written through node 1's API is read through node 3's.
        OpenFlags rw = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE);
        CreationAttributes attributes = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 400_000,
                Times.END, 4, 100_000, 32);
        long written = one.ckpt().create("embedded", attributes, rw).toCompletableFuture().get(40, TimeUnit.SECONDS);
        one.ckpt().createSection(written, SectionId.of("s"), Times.END, bytes("state"))
                .toCompletableFuture().get(40, TimeUnit.SECONDS);
        byte[] read = results.awaitAssert(WAIT, Duration.ofMillis(200), () -> {
            long mine = three.ckpt().open("embedded", OpenFlags.of(OpenFlags.READ)).toCompletableFuture()
                    .get(40, TimeUnit.SECONDS);
            return three.ckpt().read(mine, List.of(new ReadRange(SectionId.of("s"), 0, 100)))
                    .toCompletableFuture().get(40, TimeUnit.SECONDS).get(0);
        });
        assertArrayEquals(bytes("state"), read);
        assertEquals(3, one.totemStats().toCompletableFuture().get(20, TimeUnit.SECONDS).srp().ring().members().size());
    }

    /** Waits until {@code events} tells a configuration change listing {@code member} in the group. */
    private static void awaitMember(TestProbe<CpgNotification> events, CpgMember member) {
        events.fishForMessage(WAIT, n -> n.event() instanceof CpgConfChg change && change.members().contains(member)
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    /** The payloads of the next {@code count} deliveries {@code events} tells, as text (other events skipped). */
    private static List<String> deliveries(TestProbe<CpgNotification> events, int count) {
        List<String> texts = new ArrayList<>();
        events.fishForMessage(WAIT, n -> {
            if (n.event() instanceof CpgDeliver d) {
                texts.add(new String(d.payload(), StandardCharsets.UTF_8));
            }
            return texts.size() == count ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
        });
        return texts;
    }

    /** An application actor in {@code node}'s system that passes every message on to {@code target}. */
    private static <T> ActorRef<T> forwarder(Ringsync node, String name, ActorRef<T> target) {
        Behavior<T> forwarding = Behaviors.receiveMessage(message -> {
            target.tell(message);
            return Behaviors.same();
        });
        return node.spawn(forwarding, name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
