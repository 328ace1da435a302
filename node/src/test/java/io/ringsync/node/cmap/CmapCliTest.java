package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.cli.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync cmap} and {@code ringsync cfg kill|shutdown} against three real nodes: lines as
 * corosync-cmapctl prints them and JSON, one-line refusals with their exit codes, a track printing
 * the changes a client makes, a shutdown and a kill whose peers see a leave (no token loss) and
 * whose nodes record why they stopped.
 */
class CmapCliTest {

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    @Test
    void cmapToolAgainstRealNodes() throws Exception {
        cluster = new CmapNodes(dir, 3).startAll();
        cluster.awaitJoined(1, List.of(1, 2, 3));
        String conf = cluster.conf(1);

        assertEquals(0, cluster.cli("cmap", "list", "totem.", "-c", conf), cluster.err());
        assertTrue(cluster.out().contains("totem.token (u32) = " + cluster.node(1).settings().totem().tokenMs() + "\n"),
                cluster.out());
        assertTrue(cluster.out().lines().allMatch(line -> line.matches("totem\\.[a-z_]+ \\((u8|u32|str)\\) = .*")), cluster.out());

        assertEquals(0, cluster.cli("cmap", "list", "runtime.members.2.", "-c", conf), cluster.err());
        assertEquals("runtime.members.2.ip (str) = r(0) ip(127.0.0.2) \nruntime.members.2.join_count (u32) = 1\n"
                + "runtime.members.2.status (str) = joined\n", cluster.out());

        assertEquals(0, cluster.cli("cmap", "get", "nodelist.node.2.name", "-c", conf), cluster.err());
        assertEquals("nodelist.node.2.name (str) = node3\n", cluster.out());
        assertEquals(0, cluster.cli("cmap", "get", "-q", "nodelist.node.2.nodeid", "-c", conf), cluster.err());
        assertEquals("3\n", cluster.out());

        assertEquals(0, cluster.cli("cmap", "set", "resources.web.port", "u16", "8080", "-c", conf), cluster.err());
        assertEquals("resources.web.port (u16) = 8080\n", cluster.out());
        assertEquals(0, cluster.cli("cmap", "get", "resources.web.port", "--json", "-c", conf), cluster.err());
        JsonNode entry = Json.mapper().readTree(cluster.out());
        assertEquals(List.of("resources.web.port", "u16", "8080"), List.of(entry.path("key").asText(),
                entry.path("type").asText(), entry.path("value").toString()));

        assertEquals(1, cluster.cli("cmap", "set", "totem.token", "u32", "1000", "-c", conf));
        assertEquals("ringsync: cmap set: totem.token is read-only: it comes from the config file "
                + "(edit the file and run `ringsync cfg reload`)\n", cluster.err());
        assertEquals(2, cluster.cli("cmap", "set", "resources.web.port", "u8", "300", "-c", conf));
        assertEquals("ringsync: cmap set: 300 is out of range for u8 (0..255)\n", cluster.err());
        assertEquals(2, cluster.cli("cmap", "set", "resources.web.port", "int", "3", "-c", conf));
        assertTrue(cluster.err().startsWith("ringsync: cmap set: unknown type \"int\" (types: i8, u8,"), cluster.err());
        assertEquals(0, cluster.cli("cmap", "delete", "resources.web.port", "-c", conf), cluster.err());
        assertEquals(1, cluster.cli("cmap", "get", "resources.web.port", "-c", conf));
        assertEquals("ringsync: cmap get: no key resources.web.port\n", cluster.err());
        assertEquals(1, cluster.cli("cmap", "list", "-s", dir.resolve("nobody.sock").toString()));
        assertTrue(cluster.err().startsWith("ringsync: cmap list: ") && cluster.err().lines().count() == 1, cluster.err());

        assertEquals(0, cluster.cli("cmap", "get", "stats.srp.orf_token_rx", "-c", conf), cluster.err());
        assertTrue(cluster.out().matches("stats\\.srp\\.orf_token_rx \\(u64\\) = [1-9][0-9]*\n"), cluster.out());
    }

    @Test
    void trackPrintsTheChangesOfAnotherClient() throws Exception {
        cluster = new CmapNodes(dir, 1).startAll();
        cluster.awaitJoined(1, List.of(1));
        CliRun tool = new CliRun();
        CompletableFuture<Integer> tracking = CompletableFuture.supplyAsync(
                () -> tool.run("cmap", "track", "resources.", "--events", "3", "-c", cluster.conf(1)));
        Cmap cmap = cluster.cmap(1);
        for (int i = 1; !tracking.isDone(); i++) {
            cmap.set("resources.tick", CmapValue.u32(i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Thread.sleep(50);
        }
        assertEquals(0, tracking.get(CmapNodes.DEADLINE_MS, TimeUnit.MILLISECONDS), tool.err());
        List<String> lines = tool.out().lines().toList();
        assertEquals(3, lines.size(), tool.out());
        assertTrue(lines.stream().allMatch(l -> l.matches("(create|modify)> resources\\.tick \\(u32\\) = [0-9]+")), tool.out());
    }

    @Test
    void shutdownAndKillLeaveGracefully() throws Exception {
        cluster = new CmapNodes(dir, 3).startAll();
        cluster.awaitJoined(1, List.of(1, 2, 3));

        assertEquals(0, cluster.cli("cfg", "shutdown", "-c", cluster.conf(3)), cluster.err());
        assertEquals("node 3 is leaving the ring and stopping\n", cluster.out());
        assertTrue(cluster.node(3).awaitTermination(Duration.ofSeconds(30)));
        assertEquals("asked to shut down (ringsync cfg shutdown)", cluster.node(3).stopRequested().orElseThrow());
        CmapNodes.await("node 3 left on node 1", () -> "left".equals(cluster.value(1, "runtime.members.3.status")));

        assertEquals(1, cluster.cli("cfg", "kill", "3", "-c", cluster.conf(1)));
        assertEquals("ringsync: cfg kill: node 3 is not a member of this node's ring (members [1, 2])\n",
                cluster.err());
        assertEquals(0, cluster.cli("cfg", "kill", "2", "-c", cluster.conf(1)), cluster.err());
        assertEquals("node 2 left the ring\n", cluster.out());
        assertTrue(cluster.node(2).awaitTermination(Duration.ofSeconds(30)));
        assertEquals("killed by node 1 (ringsync cfg kill)", cluster.node(2).stopRequested().orElseThrow());
        assertTrue(!cluster.node(2).stoppedByFailure());
        assertEquals("0", cluster.value(1, "stats.srp.operational_token_lost"), "node 1 saw leaves, not token losses");
        assertEquals("left", cluster.value(1, "runtime.members.2.status"));
    }
}
