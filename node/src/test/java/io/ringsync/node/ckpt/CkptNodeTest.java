package io.ringsync.node.ckpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.Json;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.node.ipc.IpcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint service in real nodes: client ops over IPC on one node, the replica seen
 * through IPC and through {@code ringsync ckpt list|dump|put} on another (same digests),
 * one-line errors for bad requests and refused calls, generated section ids and retention set
 * over IPC, and the handles of a client that vanishes closed on every node.
 */
class CkptNodeTest {

    private static final long DEADLINE_MS = 90_000;

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final List<IpcClient> sessions = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (IpcClient session : sessions) {
            session.close();
        }
        nodes.forEach(RingsyncNode::close);
    }

    private Path socket(int index) {
        return nodes.get(index).settings().system().ipcSocket();
    }

    private static JsonNode request(Path socket, ObjectNode request) throws Exception {
        try (IpcClient client = IpcClient.connect(socket, IpcClient.DEFAULT_TIMEOUT)) {
            return client.request(request);
        }
    }

    private static ObjectNode op(String op) {
        return Json.object().put("op", op);
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.call()) {
            assertTrue(System.nanoTime() < end, "no " + what + " within " + DEADLINE_MS + " ms");
            Thread.sleep(100);
        }
    }

    @Test
    void clientOpsOnOneNodeAreSeenOnTheOtherThroughIpcAndTheCli() throws Exception {
        for (Path file : TestClusters.write(dir, 2)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        await("both nodes synced", () -> request(socket(0), op("ckpt.list")).has("checkpoints")
                && request(socket(1), op("ckpt.list")).has("checkpoints"));

        IpcClient session = IpcClient.connect(socket(0), IpcClient.DEFAULT_TIMEOUT);
        sessions.add(session);
        JsonNode opened = session.request(op("ckpt.open").put("name", "orders").put("flags", "read,write,create"));
        assertEquals("OK", opened.path("result").asText(), opened.toString());
        long handle = opened.path("handle").asLong();
        assertEquals("OK", session.request(op("ckpt.section_create").put("handle", handle).put("section", "a")
                .put("text", "hello")).path("result").asText());
        assertEquals("OK", session.request(op("ckpt.write").put("handle", handle).put("section", "a").put("offset", 5)
                .put("text", " world")).path("result").asText());

        JsonNode mine = request(socket(0), op("ckpt.dump").put("name", "orders"));
        await("orders on node 2", () -> request(socket(1), op("ckpt.dump").put("name", "orders")).path("sections")
                .equals(mine.path("sections")));
        try (IpcClient reader = IpcClient.connect(socket(1), IpcClient.DEFAULT_TIMEOUT)) {
            JsonNode other = reader.request(op("ckpt.open").put("name", "orders").put("flags", "read"));
            JsonNode read = reader.request(op("ckpt.read").put("handle", other.path("handle").asLong()).put("section", "a"));
            assertEquals("hello world", read.path("text").asText(), read.toString());
            assertEquals("OK", reader.request(op("ckpt.close").put("handle", other.path("handle").asLong()))
                    .path("result").asText());
        }

        String node2 = socket(1).toString();
        assertEquals(0, cli("ckpt", "list", "-s", node2), err.toString());
        String list = out.toString(StandardCharsets.UTF_8);
        assertTrue(list.startsWith("node 2: 1 checkpoint"), list);
        assertTrue(list.contains("orders") && list.contains("all-replicas") && list.contains("1:1"), list);
        assertEquals(0, cli("ckpt", "dump", "orders", "-s", node2), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(mine.path("sections").get(0).path("digest").asText()));
        assertEquals(0, cli("ckpt", "dump", "orders", "--json", "-s", node2));
        assertEquals(mine.path("sections"), Json.mapper().readTree(out.toByteArray()).path("sections"));

        assertEquals(0, cli("ckpt", "put", "orders", "b", "--text", "from the cli", "-s", node2), err.toString());
        assertEquals(0, cli("ckpt", "put", "orders", "b", "--text", "again", "-s", node2), err.toString());
        await("b on node 1", () -> "again".equals(session.request(op("ckpt.read").put("handle", handle)
                .put("section", "b")).path("text").asText()));

        assertEquals(0, cli("ckpt", "add", "orders", "--text", "generated", "-s", node2), err.toString());
        assertEquals("1", out.toString(StandardCharsets.UTF_8).strip(), "the first generated id");
        await("section 1 on node 1", () -> "generated".equals(session.request(op("ckpt.read").put("handle", handle)
                .put("section", "1")).path("text").asText()));
        assertEquals(0, cli("ckpt", "retention", "orders", "90s", "-s", node2), err.toString());
        assertEquals("retention of checkpoint \"orders\": 90s", out.toString(StandardCharsets.UTF_8).strip());
        await("retention on node 1", () -> request(socket(0), op("ckpt.list")).path("checkpoints").get(0)
                .path("attributes").path("retentionDurationNs").asLong() == 90_000_000_000L);
        assertEquals(0, cli("ckpt", "list", "-s", node2), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("90s"), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, cli("ckpt", "retention", "orders", "soon", "-s", node2));
        assertEquals("ringsync: ckpt retention: 'soon' is not a duration (examples: 500ms, 30s, 2m, 1h, forever)",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals(1, cli("ckpt", "add", "missing", "--text", "x", "-s", node2));
        assertEquals("ringsync: ckpt add: the node answered: ckpt.open: NOT_EXIST", err.toString(StandardCharsets.UTF_8).strip());
    }

    /** The checkpoint named {@code name} in node {@code index}'s list, or a missing node when it has none. */
    private JsonNode listed(int index, String name) throws Exception {
        for (JsonNode checkpoint : request(socket(index), op("ckpt.list")).path("checkpoints")) {
            if (checkpoint.path("name").asText().equals(name)) {
                return checkpoint;
            }
        }
        return Json.mapper().missingNode();
    }

    @Test
    void aVanishedClientsHandlesAreClosedOnEveryNodeAndRetentionRemovesItsCheckpoint() throws Exception {
        for (Path file : TestClusters.write(dir, 2)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        await("both nodes synced", () -> request(socket(0), op("ckpt.list")).has("checkpoints")
                && request(socket(1), op("ckpt.list")).has("checkpoints"));
        IpcClient client = IpcClient.connect(socket(0), IpcClient.DEFAULT_TIMEOUT);
        sessions.add(client);
        long kept = client.request(op("ckpt.open").put("name", "kept").put("flags", "read,write,create"))
                .path("handle").asLong();
        JsonNode opened = client.request(op("ckpt.open").put("name", "brief").put("flags", "read,write,create"));
        long brief = opened.path("handle").asLong();
        assertEquals("OK", opened.path("result").asText(), opened.toString());
        JsonNode generated = client.request(op("ckpt.section_create").put("handle", brief).put("generated", true)
                .put("text", "g"));
        assertEquals("1", generated.path("section").asText(), generated.toString());
        assertEquals("2", client.request(op("ckpt.section_create").put("handle", brief).put("generated", true))
                .path("section").asText());
        assertEquals("ckpt.section_create: give exactly one of \"section\" or \"generated\": true",
                client.request(op("ckpt.section_create").put("handle", brief).put("generated", true).put("section", "x"))
                        .path("error").asText());
        assertEquals("OK", client.request(op("ckpt.retention_set").put("handle", brief).put("retentionNs", 200_000_000L))
                .path("result").asText());
        assertEquals("INVALID_PARAM", client.request(op("ckpt.retention_set").put("handle", brief).put("retentionNs", -1))
                .path("result").asText());
        await("both opens on node 2", () -> listed(1, "brief").path("openers").path("1").asInt() == 1
                && listed(1, "kept").path("openers").path("1").asInt() == 1
                && listed(1, "brief").path("attributes").path("retentionDurationNs").asLong() == 200_000_000L
                && listed(1, "brief").path("sections").asInt() == 2);

        client.close();
        for (int index = 0; index < 2; index++) {
            int i = index;
            await("kept without openers on node " + (i + 1), () -> listed(i, "kept").path("openers").isEmpty()
                    && !listed(i, "kept").isMissingNode());
            await("brief retired on node " + (i + 1), () -> listed(i, "brief").isMissingNode());
        }
        assertEquals("BAD_HANDLE", request(socket(0), op("ckpt.close").put("handle", kept)).path("result").asText(),
                "closed for the client that went");
    }

    @Test
    void badRequestsAndRefusedCallsAreOneLineErrors() throws Exception {
        nodes.add(RingsyncNode.start(ConfigLoader.load(TestClusters.write(dir, 1).get(0))));
        await("synced", () -> request(socket(0), op("ckpt.list")).has("checkpoints"));
        assertEquals("ckpt.write: field \"handle\" must be a whole number",
                request(socket(0), op("ckpt.write").put("section", "a").put("text", "x")).path("error").asText());
        assertEquals("ckpt.open: unknown open flag \"rwx\" (flags: read, write, create)",
                request(socket(0), op("ckpt.open").put("name", "x").put("flags", "rwx")).path("error").asText());
        assertTrue(request(socket(0), op("ckpt.nope")).path("error").asText().startsWith("unknown op \"ckpt.nope\""));
        JsonNode refused = request(socket(0), op("ckpt.open").put("name", "missing").put("flags", "read"));
        assertEquals("ckpt.open: NOT_EXIST", refused.path("error").asText());
        assertEquals(12, refused.path("code").asInt());
        assertEquals("BAD_HANDLE", request(socket(0), op("ckpt.close").put("handle", 42)).path("result").asText());

        assertEquals(1, cli("ckpt", "dump", "missing", "-s", socket(0).toString()));
        assertEquals("ringsync: ckpt dump: the node answered: ckpt.dump: NOT_EXIST", err.toString(StandardCharsets.UTF_8).strip());
        assertEquals(1, cli("ckpt", "list", "-s", dir.resolve("none.sock").toString()));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
    }
}
