package io.ringsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ClusterConfigGenerator.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every generated file loads without problems and describes the same cluster. */
class ClusterConfigGeneratorTest {

    private final ClusterConfigGenerator generator = new ClusterConfigGenerator();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void loopbackClustersRoundTrip(int nodes) throws Exception {
        Request r = new Request("demo", nodes, List.of(), 5405, dir.resolve("cluster"), Optional.empty());
        List<Path> files = generator.write(r);
        assertEquals(nodes, files.size());
        for (int i = 1; i <= nodes; i++) {
            assertEquals(dir.resolve("cluster/node" + i + ".conf"), files.get(i - 1));
            RingsyncSettings s = ConfigLoader.load(files.get(i - 1));
            assertEquals("demo", s.clusterName());
            assertEquals(i, s.nodeId());
            assertEquals(nodes, s.nodelist().size());
            assertEquals(new LinkAddress("127.0.0." + i, 5405), s.localNode().links().get(0));
            assertEquals(Path.of("/dev/shm/ringsync-demo-node" + i), s.system().runDir(), "defaults kept");
        }
    }

    @Test
    void explicitAddressesAndRunDirs() throws Exception {
        Path runs = dir.resolve("runs");
        Request r = new Request("lab", 3, List.of("10.0.0.1", "fd00::2", "host3.example"), 6000, dir,
                Optional.of(runs));
        List<RingsyncSettings> loaded = new ArrayList<>();
        for (Path file : generator.write(r)) {
            loaded.add(ConfigLoader.load(file));
        }
        assertEquals(List.of(new LinkAddress("10.0.0.1", 6000), new LinkAddress("fd00::2", 6000),
                new LinkAddress("host3.example", 6000)),
                loaded.get(0).nodelist().stream().map(n -> n.links().get(0)).toList());
        SystemSettings sys = loaded.get(1).system();
        assertEquals(runs.toAbsolutePath().resolve("lab-node2"), sys.runDir());
        assertEquals(dir.toAbsolutePath().resolve("state/node2"), sys.stateDir());
    }

    @Test
    void sameHostGetsConsecutivePorts() throws Exception {
        Request r = new Request("one-box", 3, List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"), 7000, dir,
                Optional.empty());
        RingsyncSettings s = ConfigLoader.parse(generator.render(r, 3), "node3.conf");
        assertEquals(List.of(7000, 7001, 7002), s.nodelist().stream().map(n -> n.links().get(0).port()).toList());
    }

    @Test
    void renderedFileIsCommentedAndRootLevel() {
        String text = generator.render(new Request("demo", 2, List.of(), 5405, dir, Optional.empty()), 2);
        assertTrue(text.startsWith("# ringsync node file: node 2 of 2"), text);
        assertTrue(text.contains("\ncluster_name = \"demo\"\nnode_id = 2\n"), text);
        assertTrue(text.contains("# totem {"), text);
        assertTrue(!text.contains("ringsync {") && !text.contains("system {"), text);
    }

    @Test
    void largestClusterUsesDistinctLoopbackAddresses() throws Exception {
        Request r = new Request("big", 384, List.of(), 5405, dir, Optional.empty());
        RingsyncSettings s = ConfigLoader.parse(generator.render(r, 384), "node384.conf");
        assertEquals(new LinkAddress("127.0.1.134", 5405), s.localNode().links().get(0));
    }

    @Test
    void badRequestsAreRefused() {
        assertRefused(new Request("demo", 3, List.of("a", "b"), 5405, dir, Optional.empty()), "got 2 addresses for 3 nodes");
        assertRefused(new Request("demo", 0, List.of(), 5405, dir, Optional.empty()), "nodes must be 1..384");
        assertRefused(new Request("demo", 385, List.of(), 5405, dir, Optional.empty()), "nodes must be 1..384");
        assertRefused(new Request("bad name", 1, List.of(), 5405, dir, Optional.empty()), "clusterName");
        assertRefused(new Request("demo", 1, List.of(), 0, dir, Optional.empty()), "basePort");
        assertRefused(new Request("demo", 3, List.of("h", "h", "h"), 65534, dir, Optional.empty()), "up to 65536");
        assertRefused(new Request("demo", 2, List.of(), 5405, dir, Optional.empty()), 3, "nodeId must be 1..2");
        assertTrue(Files.notExists(dir.resolve("node1.conf")), "nothing written for a bad request");
    }

    private void assertRefused(Request r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.write(r));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private void assertRefused(Request r, int nodeId, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.render(r, nodeId));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
