package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ringsync node} with an invalid config: exit 2, the problem on stderr, no stack trace. */
class InvalidConfigIT {

    @Test
    void invalidConfigExits2WithTheProblemAndNoStackTrace() throws Exception {
        RingsyncProcesses processes = new RingsyncProcesses("InvalidConfigIT");
        try {
            Path dir = processes.output().resolve("conf");
            RingsyncProcesses.Result init = processes.run(Duration.ofSeconds(60), "config", "init", "--nodes", "2",
                    "--dir", dir.toString(), "--cluster-name", "invalid", "--run-dir-parent", dir.resolve("run").toString());
            assertEquals(0, init.exitCode(), init.err());
            Path config = dir.resolve("node1.conf");
            Files.writeString(config, Files.readString(config) + "\ntotem { token = 10ms }\n");
            RingsyncProcesses.Result node = processes.run(Duration.ofSeconds(60), "node", "--config", config.toString());
            assertEquals(2, node.exitCode(), node.err());
            assertTrue(node.err().contains("totem.token"), node.err());
            assertFalse(node.err().contains("at io."), node.err());
            assertFalse(node.err().contains("Exception"), node.err());
        } finally {
            processes.killAll();
        }
    }
}
