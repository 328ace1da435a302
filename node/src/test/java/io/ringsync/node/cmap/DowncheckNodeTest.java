package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.LinkAddress;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * totem.downcheck in two real nodes: node 2's UDP port is held by a plain socket when it starts.
 * It does not exit: it runs alone (a ring of itself), shows the failed attempts in
 * {@code runtime.transport.endpoint.*} and tries again every downcheck (200 ms here). Once the
 * socket is closed its endpoint opens and the two nodes form one ring.
 */
class DowncheckNodeTest {

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    @Test
    void aNodeWhosePortIsTakenRunsAloneAndJoinsOnceItIsFree() throws Exception {
        cluster = new CmapNodes(dir, 2);
        for (Path file : cluster.files) {
            Files.writeString(file, "totem { token = 1000ms, downcheck = 200ms }\n", StandardOpenOption.APPEND);
        }
        cluster.startFirst(1);
        LinkAddress own = cluster.node(1).settings().nodelist().get(1).links().get(0);
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(own.host(), own.port()))) {
            cluster.startFirst(1);
            CmapNodes.await("failed attempts on node 2", () -> cluster.value(2, "runtime.transport.endpoint.open_failures")
                    .matches("[3-9]|\\d{2,}"));
            assertEquals("0", cluster.value(2, "runtime.transport.endpoint.open"));
            assertEquals(own.hostPort() + " (link 0): Address already in use",
                    cluster.value(2, "runtime.transport.endpoint.last_failure"));
            CmapNodes.await("node 2 in a ring of itself", () -> "2".equals(cluster.value(2, "stats.srp.members"))
                    && "operational".equals(cluster.value(2, "stats.srp.state")));
            assertEquals("1", cluster.value(1, "runtime.transport.endpoint.open"));
            assertEquals("0", cluster.value(1, "runtime.transport.endpoint.open_failures"));
            assertEquals("", cluster.value(1, "runtime.members.2.status"), "node 1 has never heard node 2");
        }
        CmapNodes.await("node 2's endpoint open", () -> "1".equals(cluster.value(2, "runtime.transport.endpoint.open")));
        cluster.awaitJoined(1, List.of(1, 2));
        cluster.awaitJoined(2, List.of(1, 2));
        assertTrue(Long.parseLong(cluster.value(2, "runtime.transport.endpoint.open_failures")) >= 3,
                "the failures stay counted");
    }
}
