package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringsync config import}: a node file written and loadable, what was not mapped on stderr, and the exit codes. */
class ConfigImportCommandTest {

    private static final String CONF = """
            totem {
                cluster_name: imported
                token: 3000
                netmtu: 1500
            }
            nodelist {
                node {
                    nodeid: 1
                    ring0_addr: 127.0.0.1
                }
                node {
                    nodeid: 2
                    ring0_addr: 127.0.0.2
                }
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), args);
    }

    @Test
    void writesALoadableNodeFileAndListsWhatItCouldNotMap() throws Exception {
        Path conf = Files.writeString(dir.resolve("corosync.conf"), CONF);
        Path node2 = dir.resolve("node2.conf");
        assertEquals(0, run("config", "import", conf.toString(), "--node-id", "2", "-o", node2.toString()),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("wrote " + node2 + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("not mapped: totem.netmtu: 1500 (line 4): no equivalent; ringsync packs messages into "
                + "totem.frame_size (16 KiB by default)\n", err.toString(StandardCharsets.UTF_8));
        RingsyncSettings settings = ConfigLoader.load(node2);
        assertEquals(2, settings.nodeId());
        assertEquals("imported", settings.clusterName());

        assertEquals(1, run("config", "import", conf.toString(), "-o", node2.toString()));
        assertEquals("ringsync: config import: " + node2 + " exists (use --force to overwrite)\n",
                err.toString(StandardCharsets.UTF_8));

        assertEquals(0, run("config", "import", conf.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("# ringsync node file imported from " + conf), out.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("note: node_id = 1 (the nodelist's first node)"));
    }

    @Test
    void refusesWhatItCannotConvertOrWhatRingsyncWouldRefuse() throws Exception {
        Path tooShort = Files.writeString(dir.resolve("short.conf"), CONF.replace("token: 3000", "token: 3000\n    consensus: 100"));
        assertEquals(1, run("config", "import", tooShort.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("invalid: the imported file:") && errors.contains("totem.consensus"), errors);
        assertTrue(errors.endsWith("ringsync: config import: the imported file does not pass ringsync's checks: fix the "
                + "problem above\n"), errors);

        Path broken = Files.writeString(dir.resolve("broken.conf"), "totem {\n");
        assertEquals(2, run("config", "import", broken.toString()));
        assertEquals("ringsync: config import: " + broken + ":1: section \"totem\" is never closed\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(1, run("config", "import", dir.resolve("none.conf").toString()));
        assertEquals("ringsync: config import: " + dir.resolve("none.conf") + ": no such file\n", err.toString(StandardCharsets.UTF_8));
    }
}
