package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.SystemSettings;
import io.ringsync.node.Json;
import io.ringsync.node.ProcessIdentity;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.protocol.link.LinkStatusReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's refusal path in one process: an {@link IpcAccess} that allows only uid 7
 * refuses this test's own uid, whatever it is. (A real client of another user is refused in
 * {@code IpcAccessControlIT}.)
 */
class IpcServerAccessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String DENIED = "access denied: uid %d is not allowed by system.ipc_allowed_uids on node 4";

    @TempDir
    Path dir;
    private final IpcCounters counters = new IpcCounters();
    private IpcServer server;

    private Path start(IpcAccess access) throws Exception {
        Path socket = dir.resolve("ringsync.sock");
        NodeIpcHandler handler = new NodeIpcHandler(4, "test",
                () -> CompletableFuture.completedFuture(new LinkStatusReport(4, "test", List.of(), Map.of())),
                () -> CompletableFuture.failedFuture(new IllegalStateException("no Totem in this test")),
                counters::snapshot);
        server = IpcServer.start(socket, 0600, handler, "node4", access, counters);
        return socket;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientWhoseUidIsNotAllowedGetsOneClearErrorAndIsCounted() throws Exception {
        Path socket = start(new IpcAccess(Set.of(7L), Set.of(), 4));
        String expected = String.format(DENIED, ProcessIdentity.uid());
        // more refusals than connection slots: a refused client holds none
        for (int i = 1; i <= IpcServer.MAX_CONNECTIONS + 2; i++) {
            try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
                IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class,
                        () -> client.request(NodeIpcHandler.STATUS));
                assertEquals(expected, e.getMessage());
            }
        }
        assertEquals(Map.of(IpcCounters.CONNECTIONS, 0L, IpcCounters.REFUSED, IpcServer.MAX_CONNECTIONS + 2L),
                counters.snapshot());
    }

    @Test
    void theRawRefusalCarriesTheAccessDeniedCode() throws Exception {
        Path socket = start(new IpcAccess(Set.of(7L), Set.of(), 4));
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            JsonNode reply = Json.mapper().readTree(client.exchange("{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(IpcGate.ACCESS_DENIED, reply.path("code").asText(), reply.toString());
        }
    }

    @Test
    void cfgStatusPrintsTheRefusalInOneLineAndExits1() throws Exception {
        Path socket = start(new IpcAccess(Set.of(7L), Set.of(), 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "cfg", "status", "--socket", socket.toString());
        assertEquals(1, exit);
        assertEquals("ringsync: cfg status: " + String.format(DENIED, ProcessIdentity.uid()),
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAllowedClientIsCountedAndSeesTheCountersInStatus() throws Exception {
        Path socket = start(IpcAccess.of(new SystemSettings(dir, dir, dir.resolve("x"), 0600), 4));
        try (IpcClient client = IpcClient.connect(socket, TIMEOUT)) {
            JsonNode status = client.request(NodeIpcHandler.STATUS);
            assertEquals(1, status.path("ipcCounters").path(IpcCounters.CONNECTIONS).asLong(), status.toString());
            assertEquals(0, status.path("ipcCounters").path(IpcCounters.REFUSED).asLong(), status.toString());
        }
    }
}
