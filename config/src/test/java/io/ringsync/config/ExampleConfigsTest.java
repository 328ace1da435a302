package io.ringsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sample configs shipped in {@code examples/three-machines} load without a problem and
 * are exactly what {@code ringsync config init} writes today, so they cannot drift from it.
 */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "three-machines");
    private static final List<String> ADDRESSES = List.of("192.0.2.11", "192.0.2.12", "192.0.2.13");

    @Test
    void everySampleLoadsAndMatchesTheGenerator() throws Exception {
        ClusterConfigGenerator.Request request = new ClusterConfigGenerator.Request(
                "production", 3, ADDRESSES, 5405, EXAMPLES, Optional.empty());
        for (int id = 1; id <= 3; id++) {
            Path file = EXAMPLES.resolve("node" + id + ".conf");
            RingsyncSettings settings = ConfigLoader.load(file);
            assertEquals(id, settings.nodeId());
            assertEquals("production", settings.clusterName());
            assertEquals(ADDRESSES.get(id - 1) + ":5405", settings.localNode().links().get(0).hostPort());
            assertEquals(new ClusterConfigGenerator().render(request, id), read(file),
                    file + " differs from what config init writes; regenerate it with "
                            + "bin/ringsync config init --nodes 3 --addresses 192.0.2.11,192.0.2.12,192.0.2.13"
                            + " --dir examples/three-machines --cluster-name production");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
