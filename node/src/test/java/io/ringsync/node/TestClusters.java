package io.ringsync.node;

import io.ringsync.config.ClusterConfigGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Config files of a local test cluster: unique name, a free port, run directories under {@code dir}. */
public final class TestClusters {

    private TestClusters() {
    }

    /** Writes node1.conf..nodeN.conf into {@code dir} and returns their paths. */
    public static List<Path> write(Path dir, int nodes) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(nodes));
        return new ClusterConfigGenerator().write(new ClusterConfigGenerator.Request(name, nodes, List.of(), port,
                dir, Optional.of(dir.resolve("run"))));
    }
}
