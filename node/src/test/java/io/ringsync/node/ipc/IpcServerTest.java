package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.SystemSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.Json;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpcServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final LinkStatusReport REPORT = new LinkStatusReport(1, "test", List.of(
            new LinkStatus(1, "node1", 0, "127.0.0.1:5405", "127.0.0.1:5405", true, true, -1, -1, -1, 0, 0),
            new LinkStatus(2, "node2", 0, "127.0.0.1:5405", "127.0.0.2:5405", false, true, 100, 200, 300, 1, 0)),
            Map.of("framesSent", 7L));
    private static final TotemStatus TOTEM = new TotemStatus("1.1c", "OPERATIONAL", List.of(1, 2), 40, 5, 6, 1,
            Map.of("OPERATIONAL", 1L, "GATHER", 0L, "COMMIT", 0L, "RECOVERY", 0L), 2, 0, 1500, 9000, 11);

    private static final SystemSettings OWNER_ONLY =
            new SystemSettings(Path.of("/run/unused"), Path.of("/var/unused"), Path.of("/run/unused.sock"), 0600);

    @TempDir
    Path dir;
    private IpcServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("run/ringsync.sock");
        NodeIpcHandler handler = new NodeIpcHandler(1, "test", () -> CompletableFuture.completedFuture(REPORT),
                () -> CompletableFuture.completedFuture(TOTEM), Map::of);
        server = IpcServer.start(socket, 0600, handler, "node1", IpcAccess.of(OWNER_ONLY, 1), new IpcCounters());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusRoundTripGivesTheReport() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            JsonNode reply = client.request(NodeIpcHandler.STATUS);
            assertEquals(REPORT, Json.fromTree(reply, LinkStatusReport.class));
            assertEquals(TOTEM, Json.fromTree(reply.get(NodeIpcHandler.TOTEM), TotemStatus.class));
            assertTrue(client.request(NodeIpcHandler.PING).path("pong").asBoolean());
        }
    }

    @Test
    void statusWithoutTotemStillGivesTheLinksAndANullTotem() throws Exception {
        Path other = dir.resolve("run2/ringsync.sock");
        NodeIpcHandler handler = new NodeIpcHandler(1, "test", () -> CompletableFuture.completedFuture(REPORT),
                () -> CompletableFuture.failedFuture(new IllegalStateException("totem restarting")), Map::of);
        IpcServer second = IpcServer.start(other, 0600, handler, "node1", IpcAccess.of(OWNER_ONLY, 1),
                new IpcCounters());
        try (IpcClient client = IpcClient.connect(other, TIMEOUT)) {
            JsonNode reply = client.request(NodeIpcHandler.STATUS);
            assertEquals(REPORT, Json.fromTree(reply, LinkStatusReport.class));
            assertTrue(reply.get(NodeIpcHandler.TOTEM).isNull(), reply.toString());
        } finally {
            second.close();
        }
    }

    @Test
    void socketHasMode0600() throws Exception {
        assertEquals(0600, FileModes.mode(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void malformedJsonGetsAnErrorAndTheConnectionKeepsServing() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            JsonNode reply = reply(client.exchange("{not json".getBytes(StandardCharsets.UTF_8)));
            assertTrue(reply.path("error").asText().contains("malformed JSON"), reply.toString());
            assertTrue(client.request(NodeIpcHandler.PING).path("pong").asBoolean());
        }
    }

    @Test
    void unknownOpAndMissingOpAreNamed() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            assertTrue(client.request("reboot").path("error").asText().contains("unknown op \"reboot\""));
            assertTrue(client.request(Json.object().put("x", 1)).path("error").asText().contains("\"op\""));
        }
    }

    @Test
    void oversizeRequestIsRefusedBeforeReadingAndTheServerKeepsServing() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            client.channel().write(ByteBuffer.allocate(4).putInt(IpcFrames.MAX_REQUEST_BYTES + 1).flip());
            JsonNode reply = reply(client.readReply().orElseThrow());
            assertTrue(reply.path("error").asText().contains("oversize request"), reply.toString());
        }
        assertServing();
    }

    @Test
    void truncatedRequestGetsAnError() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            client.channel().write(ByteBuffer.allocate(14).putInt(100).put("{\"op\":\"".getBytes(StandardCharsets.UTF_8)).flip());
            client.channel().shutdownOutput();
            JsonNode reply = reply(client.readReply().orElseThrow());
            assertTrue(reply.path("error").asText().contains("truncated request"), reply.toString());
        }
        assertServing();
    }

    @Test
    void clientVanishingMidRequestIsDropped() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            client.channel().write(ByteBuffer.allocate(6).putInt(50).put((byte) '{').put((byte) '"').flip());
        }
        assertServing();
    }

    @Test
    void closeRemovesTheSocket() {
        server.close();
        assertFalse(Files.exists(socket));
        server.close();
    }

    private void assertServing() throws Exception {
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            assertTrue(client.request(NodeIpcHandler.PING).path("pong").asBoolean());
        }
    }

    private static JsonNode reply(byte[] body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
