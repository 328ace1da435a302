package io.ringsync.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared fixtures: a valid 3-node base config and helpers to load or fail. */
final class ConfigTestSupport {

    /** A valid 3-node config: node 1 of nodes 1..3, one link each. */
    static final String BASE = """
            cluster_name = "test"
            node_id = 1
            nodelist = [
              { node_id = 1, links = ["127.0.0.1:5405"] }
              { node_id = 2, links = ["127.0.0.2:5405"] }
              { node_id = 3, links = ["127.0.0.3:5405"] }
            ]
            """;

    private ConfigTestSupport() {
    }

    static RingsyncSettings parse(String hocon) throws InvalidConfigException {
        return ConfigLoader.parse(hocon, "test.conf");
    }

    /** The problems of a config that must fail. */
    static List<ConfigProblem> problems(String hocon) {
        return assertThrows(InvalidConfigException.class, () -> parse(hocon)).problems();
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
