package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.node.fault.ActorCrash;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Totem in whole nodes (guardian, transport, IPC) with Corosync's default timers: three nodes
 * form one ring that {@code cfg status} shows; a crashed and restarted TotemActor makes the ring
 * form again, its guardian keeping the node's Totem subscribers; a node closing (as on SIGTERM)
 * leaves, so the others form their ring at once instead of after the token timeout.
 */
class NodeTotemTest {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final long DEADLINE_MS = 30_000;

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    private void startCluster() throws Exception {
        List<Path> files = TestClusters.write(dir, 3);
        for (Path file : files) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file), ActorCrash::crashable));
        }
    }

    private TotemStats stats(int id) throws Exception {
        return nodes.get(id - 1).totemStats().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Waits until the nodes of {@code ids} are OPERATIONAL on one ring of exactly {@code ids} that {@code accept}s; returns it. */
    private RingId awaitRing(List<Integer> ids, Predicate<RingId> accept, long deadlineMs)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < end) {
            seen.clear();
            RingId common = null;
            boolean ok = true;
            for (int id : ids) {
                TotemStats stats = stats(id);
                seen.add("node " + id + ": " + stats.srp().state() + " " + stats.srp().ring());
                RingId ring = stats.srp().ring().ringId();
                ok &= stats.srp().state() == MembershipState.OPERATIONAL && stats.srp().ring().members().equals(ids)
                        && (common == null || common.equals(ring)) && accept.test(ring);
                common = ring;
            }
            if (ok) {
                return common;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ring of " + ids + " within " + deadlineMs + " ms: " + seen);
    }

    private static void await(String what, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(20);
        }
    }

    @Test
    void aRingFormsCfgStatusShowsItAndARestartedTotemFormsItAgain() throws Exception {
        startCluster();
        RingId first = awaitRing(ALL, ring -> true, DEADLINE_MS);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String socket = nodes.get(0).settings().system().ipcSocket().toString();
        assertEquals(0, RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "cfg", "status", "--socket", socket));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\nRing ID " + first + ", state OPERATIONAL, members 1 2 3\nLINK ID 0 udp\n"), text);
        out.reset();
        assertEquals(0, RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "cfg", "status", "--json", "--socket", socket));
        JsonNode totem = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("totem");
        assertEquals(first.toString(), totem.path("ringId").asText(), totem.toString());
        assertEquals("[1,2,3]", totem.path("members").toString());
        assertTrue(totem.path("tokensReceived").asLong() > 0, totem.toString());
        assertEquals(0, totem.path("tokenLosses").path("OPERATIONAL").asLong(), totem.toString());

        List<ConfigurationChanged> seenBy2 = new CopyOnWriteArrayList<>();
        nodes.get(1).subscribeTotemEvents(event -> {
            if (event instanceof ConfigurationChanged change) {
                seenBy2.add(change);
            }
        });
        await("node 2's listener gets the current configuration", () -> !seenBy2.isEmpty(), DEADLINE_MS);
        ActorCrash.crash(nodes.get(1).totem());
        RingId second = awaitRing(ALL, ring -> ring.ringSeq() > first.ringSeq(), DEADLINE_MS);
        await("node 2's listener, kept by its guardian, sees the new ring", () -> seenBy2.stream().anyMatch(
                c -> c.kind() == ConfigurationKind.REGULAR && c.ringId().equals(second)), DEADLINE_MS);
        assertEquals(ALL, seenBy2.get(seenBy2.size() - 1).members());
    }

    @Test
    void aClosingNodeLeavesAndTheOthersFormTheirRingBeforeTheTokenTimeout() throws Exception {
        startCluster();
        RingId first = awaitRing(ALL, ring -> true, DEADLINE_MS);
        long tokenMs = nodes.get(0).settings().totem().effectiveTokenMs(3);

        long startNs = System.nanoTime();
        nodes.get(2).close();
        RingId survivors = awaitRing(List.of(1, 2), ring -> ring.ringSeq() > first.ringSeq(), DEADLINE_MS);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        System.out.printf("NodeTotemTest: nodes 1 and 2 formed ring %s %d ms after node 3 began closing%n", survivors,
                elapsedMs);
        assertTrue(elapsedMs < tokenMs, "a new ring after " + elapsedMs + " ms, not before the token timeout of "
                + tokenMs + " ms");
        for (int id : List.of(1, 2)) {
            assertEquals(0, stats(id).srp().tokenLosses().getOrDefault(MembershipState.OPERATIONAL, 0L),
                    "node " + id + " saw a leave, not a token loss");
        }
    }
}
