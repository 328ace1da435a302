package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.NodeIpcHandler;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingsyncNodeTest {

    @TempDir
    Path dir;

    private RingsyncSettings settings() throws Exception {
        return ConfigLoader.load(TestClusters.write(dir, 2).get(0));
    }

    @Test
    void startServesStatusAndCloseDeletesTheRunDirectory() throws Exception {
        RingsyncSettings settings = settings();
        RingsyncNode node = RingsyncNode.start(settings);
        try {
            assertTrue(Files.exists(settings.system().ipcSocket()));
            LinkStatusReport report = node.linkStatus().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(settings.nodeId(), report.localNodeId());
            try (IpcClient client = IpcClient.connect(settings.system().ipcSocket(), Duration.ofSeconds(20))) {
                assertEquals(settings.clusterName(), client.request(NodeIpcHandler.STATUS).path("clusterName").asText());
            }
            node.close();
            assertFalse(Files.exists(settings.system().runDir()), "run dir left behind");
            assertFalse(node.stoppedByFailure());
        } finally {
            node.close();
        }
    }

    @Test
    void aSecondNodeOnTheSameSocketIsRefused() throws Exception {
        RingsyncSettings settings = settings();
        try (RingsyncNode node = RingsyncNode.start(settings)) {
            assertFalse(node.stoppedByFailure());
            NodeAlreadyRunningException e = assertThrows(NodeAlreadyRunningException.class,
                    () -> RingsyncNode.start(settings));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            assertTrue(Files.exists(settings.system().ipcSocket()), "the live node's socket must survive");
        }
    }

    @Test
    void aStaleSocketIsCleanedAtStart() throws Exception {
        RingsyncSettings settings = settings();
        Files.createDirectories(settings.system().runDir());
        Files.writeString(settings.system().ipcSocket(), "left by a killed node");
        try (RingsyncNode node = RingsyncNode.start(settings)) {
            assertEquals(settings.nodeId(),
                    node.linkStatus().toCompletableFuture().get(20, TimeUnit.SECONDS).localNodeId());
        }
        assertFalse(Files.exists(settings.system().runDir()));
    }

    @Test
    void aFailingLinkListenerKeepsGettingLaterEvents() throws Exception {
        List<Path> files = TestClusters.write(dir, 2);
        List<LinkStatus> seen = new CopyOnWriteArrayList<>();
        try (RingsyncNode first = RingsyncNode.start(ConfigLoader.load(files.get(0)))) {
            first.subscribeLinkEvents(status -> {
                seen.add(status);
                if (seen.size() == 1) {
                    throw new IllegalStateException("listener failure the node must survive");
                }
            });
            try (RingsyncNode second = RingsyncNode.start(ConfigLoader.load(files.get(1)))) {
                awaitEvent(seen, true);
            }
            awaitEvent(seen, false);
        }
    }

    private static void awaitEvent(List<LinkStatus> seen, boolean up) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.stream().noneMatch(s -> s.nodeId() == 2 && s.up() == up)) {
            assertTrue(System.nanoTime() < deadline, "no link " + (up ? "UP" : "DOWN") + " event; saw " + seen);
            Thread.sleep(50);
        }
    }
}
