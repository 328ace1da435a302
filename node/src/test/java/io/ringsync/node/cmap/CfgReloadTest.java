package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.logging.LoggingSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code ringsync cfg reload} on three real nodes: with one node's new file invalid, nothing changes
 * on any node (not even the valid files' logging level) and the tool says why; with every file
 * valid, the logging level takes effect, a node's new votes reach the quorum, and a Totem timer is
 * taken for the next ring while the running value stays.
 */
class CfgReloadTest {

    private static final String PROBE_LOGGER = "io.ringsync.node.cmap.probe";

    @TempDir
    Path dir;

    private CmapNodes cluster;

    @AfterEach
    void close() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private void edit(int id, String from, String to) throws Exception {
        Path file = cluster.files.get(id - 1);
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private void append(int id, String line) throws Exception {
        Path file = cluster.files.get(id - 1);
        Files.writeString(file, Files.readString(file) + line + "\n");
    }

    @Test
    void anInvalidFileChangesNothingAndAValidReloadTakesEffect() throws Exception {
        cluster = new CmapNodes(dir, 3);
        LoggingSetup.configure(ConfigLoader.load(cluster.files.get(0)).logging(), "node1");
        cluster.startAll();
        cluster.awaitJoined(1, List.of(1, 2, 3));
        assertEquals(Optional.of(Level.INFO), LoggingSetup.outputThreshold(PROBE_LOGGER));
        String original2 = Files.readString(cluster.files.get(1));

        append(1, "logging.level = debug");
        append(2, "totem.token = forever");
        assertEquals(1, cluster.cli("cfg", "reload", "-c", cluster.conf(1)), cluster.out() + cluster.err());
        String refused = cluster.out();
        assertTrue(refused.startsWith("reload not applied: a config file is invalid; nothing changed on any node\n"), refused);
        assertTrue(refused.contains("node 1: would apply logging.level: info -> debug\n"), refused);
        assertTrue(refused.matches("(?s).*node 2: invalid: [^\n]*totem\\.token[^\n]*\n.*"), refused);
        assertTrue(refused.contains("node 3: no change\n"), refused);
        assertEquals(Optional.of(Level.INFO), LoggingSetup.outputThreshold(PROBE_LOGGER), "the running logging is untouched");
        for (int id = 1; id <= 3; id++) {
            assertEquals("info", cluster.value(id, "logging.level"));
            assertEquals("not applied", cluster.value(id, "runtime.config.reload.last_result"));
            assertEquals("0", cluster.value(id, "config.reload_in_progress"));
        }
        assertTrue(cluster.value(3, "runtime.config.reload.last_reason").startsWith("node 2: "));

        Files.writeString(cluster.files.get(1), original2);
        append(1, "totem.token = 5000ms");
        for (int id = 1; id <= 3; id++) {
            edit(id, "node_id = 3, name = \"node3\", votes = 1", "node_id = 3, name = \"node3\", votes = 2");
        }
        assertEquals(0, cluster.cli("cfg", "reload", "-c", cluster.conf(2)), cluster.out() + cluster.err());
        String applied = cluster.out();
        assertTrue(applied.startsWith("reload applied: every node's config file is valid\n"), applied);
        assertTrue(applied.contains("node 1: applied logging.level: info -> debug\n"), applied);
        assertTrue(applied.contains("node 1: applied totem.token: 3000 -> 5000 (from the next ring)\n"), applied);
        assertTrue(applied.contains("node 3: applied nodelist.node.2.quorum_votes: 1 -> 2\n"), applied);
        CmapNodes.await("the new level to take effect on node 1 (the asker, node 2, may answer first)",
                () -> Optional.of(Level.DEBUG).equals(LoggingSetup.outputThreshold(PROBE_LOGGER)));
        assertEquals("debug", cluster.value(1, "logging.level"));
        assertEquals("5000", cluster.value(1, "totem.token"));
        CmapNodes.await("node 1's Totem to report a change for the next ring",
                () -> "1".equals(cluster.value(1, "runtime.config.reload.totem_pending")));
        assertEquals("3650", cluster.value(1, "runtime.config.totem.token"), "Totem runs with its timers until the next ring");
        assertEquals("applied", cluster.value(2, "runtime.config.reload.last_result"));
        CmapNodes.await("node 3's new votes in the quorum", () -> "4".equals(cluster.value(1, "runtime.votequorum.total_votes")));
        assertEquals("2", cluster.value(1, "runtime.votequorum.members.3.votes"));
    }
}
