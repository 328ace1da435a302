package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.node.FileModes;
import io.ringsync.node.TestClusters;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.totem.RingSeqStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return RingsyncCli.run(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keygenWritesTheRequestedSizeWithMode0400() throws Exception {
        Path key = dir.resolve("authkey");
        assertEquals(0, run("keygen", "-o", key.toString(), "--size", "512"), err());
        assertEquals(512, Files.size(key));
        assertEquals(0400, FileModes.mode(Files.getPosixFilePermissions(key)));
    }

    @Test
    void keygenDefaultsTo256Bytes() throws Exception {
        Path key = dir.resolve("authkey");
        assertEquals(0, run("keygen", "-o", key.toString()), err());
        assertEquals(256, Files.size(key));
        assertEquals(256, AuthKey.load(key).length(), "a node must accept the key keygen writes");
    }

    @Test
    void keygenRefusesToOverwriteWithoutForce() throws Exception {
        Path key = dir.resolve("authkey");
        assertEquals(0, run("keygen", "-o", key.toString()));
        byte[] first = Files.readAllBytes(key);
        assertEquals(1, run("keygen", "-o", key.toString()));
        assertTrue(err().contains("already exists; use --force"), err());
        assertArrayEquals(first, Files.readAllBytes(key));
        assertEquals(0, run("keygen", "-o", key.toString(), "--force"), err());
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(key)));
    }

    @Test
    void keygenRejectsSizesOutOfRange() {
        assertEquals(2, run("keygen", "-o", dir.resolve("k").toString(), "--size", "64"));
        assertTrue(err().contains("between 128 and 4096"), err());
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void configInitWritesOneFilePerNode() {
        assertEquals(0, run("config", "init", "--nodes", "3", "--dir", dir.toString(), "--cluster-name", "c1",
                "--base-port", "6000"), err());
        for (int i = 1; i <= 3; i++) {
            Path file = dir.resolve("node" + i + ".conf");
            assertTrue(Files.exists(file));
            assertTrue(out().contains(file.toString()), out());
        }
    }

    @Test
    void wrongArgumentsPrintUsageAndExit2() {
        assertEquals(2, run("keygen", "--bogus"));
        assertTrue(err().contains("Usage:"), err());
        assertEquals(2, run("no-such-command"));
        assertEquals(2, run("cfg"));
    }

    @Test
    void helpAndVersionExit0() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("ringsync "), out());
        assertEquals(0, run("cfg", "status", "--help"));
        assertTrue(out().contains("--json"), out());
    }

    @Test
    void cfgStatusWithoutANodeSaysSoAndExits1() {
        Path socket = dir.resolve("none.sock");
        assertEquals(1, run("cfg", "status", "--socket", socket.toString()));
        assertEquals("ringsync: cfg status: no node is running at " + socket + " (no such socket)", err().strip());
    }

    @Test
    void nodeWithAnAuthkeyReadableByOthersRefusesToStartInOneLine() throws Exception {
        Path config = TestClusters.write(dir, 3).get(0);
        Path key = dir.resolve("authkey");
        assertEquals(0, run("keygen", "-o", key.toString()), err());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(config, Files.readString(config)
                + "\ncrypto { cipher = aes256-gcm, authkey = \"" + key + "\" }\n");
        assertEquals(1, run("node", "--config", config.toString()));
        assertTrue(err().contains(key + " is readable by group or others"), err());
        assertTrue(err().contains("chmod 0400"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void nodeWithACorruptRingSeqRefusesToStartInOneLine() throws Exception {
        Path config = TestClusters.write(dir, 3).get(0);
        Path ringSeq = ConfigLoader.load(config).system().stateDir()
                .resolve(RingSeqStore.FILE_NAME);
        Files.createDirectories(ringSeq.getParent());
        Files.writeString(ringSeq, "twelve\n");
        assertEquals(1, run("node", "--config", config.toString()));
        assertEquals("ringsync: ring seq " + ringSeq + " is corrupt (expected a non-negative decimal number, found"
                + " \"twelve\"); restore it, or write a number at least as high as any ring seq this node used",
                err().strip());
        assertEquals("twelve\n", Files.readString(ringSeq), "left for the operator to restore");
    }

    @Test
    void nodeWithAnInvalidConfigPrintsTheProblemsAndExits2() throws Exception {
        Path config = TestClusters.write(dir, 3).get(0);
        Files.writeString(config, Files.readString(config) + "\ntotem { token = 10ms }\n");
        assertEquals(2, run("node", "--config", config.toString()));
        assertTrue(err().contains("totem.token"), err());
        assertFalse(err().contains("\tat "), err());
    }
}
