package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import io.ringsync.node.Json;
import io.ringsync.node.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * IPC access control with real clients of other users: two one-node clusters run as
 * processes of the built jar (as root), and {@code ringsync cfg status} runs as other users
 * through {@code setpriv --reuid --regid --clear-groups}. Node "shared" allows uid 65533 and
 * gid 4242; node "private" allows nobody else. Skipped unless this runs as root with setpriv.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IpcAccessControlIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private RingsyncProcesses processes;
    /** The jar copied where any user can read it (the build tree may sit under /root). */
    private Path publicJar;
    private Path sharedConfig;
    private Path privateConfig;
    private RingsyncSettings shared;
    private RingsyncSettings exclusive;

    @BeforeAll
    void startNodes() throws Exception {
        assumeTrue(ProcessIdentity.uid() == 0, "runs clients as other users: needs root");
        assumeTrue(Files.isExecutable(SETPRIV), "needs " + SETPRIV + " (util-linux)");
        processes = new RingsyncProcesses("IpcAccessControlIT");
        Path publicDir = Files.createTempDirectory("ringsync-it-");
        Files.setPosixFilePermissions(publicDir, FileModes.permissions(0755));
        publicJar = Files.copy(processes.jar(), publicDir.resolve("ringsync.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(publicJar, FileModes.permissions(0644));
        sharedConfig = writeConfig("shared", "system { ipc_allowed_uids = [65533], ipc_allowed_gids = [4242] }\n");
        privateConfig = writeConfig("private", "");
        shared = ConfigLoader.load(sharedConfig);
        exclusive = ConfigLoader.load(privateConfig);
        processes.start("node-shared", "node", "--config", sharedConfig.toString());
        processes.start("node-private", "node", "--config", privateConfig.toString());
        for (Path config : List.of(sharedConfig, privateConfig)) {
            Poll.until("the node of " + config.getFileName() + " answers", START,
                    () -> processes.run(CLI_TIMEOUT, "cfg", "status", "--config", config.toString()).exitCode() == 0,
                    () -> RingsyncProcesses.read(processes.stderr("node-" + config.getParent().getFileName())));
        }
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (processes != null) {
            processes.killAll();
        }
        for (RingsyncSettings s : new RingsyncSettings[] {shared, exclusive}) {
            if (s != null) {
                FileModes.deleteRecursively(s.system().runDir());
            }
        }
        if (publicJar != null) {
            FileModes.deleteRecursively(publicJar.getParent());
        }
    }

    @Test
    void anAllowedUidAndAnAllowedGroupAreServed() throws Exception {
        RingsyncProcesses.Result byUid = statusAs(65533, 65533, shared);
        assertEquals(0, byUid.exitCode(), byUid.err());
        assertTrue(byUid.out().startsWith("Local node ID 1, cluster " + shared.clusterName()), byUid.out());
        RingsyncProcesses.Result byGroup = statusAs(65534, 4242, shared);
        assertEquals(0, byGroup.exitCode(), byGroup.err());
    }

    @Test
    void aUidThatIsNotAllowedIsRefusedInOneLineAndCounted() throws Exception {
        long refusedBefore = ipcCounter(sharedConfig, "ipc.refused");
        RingsyncProcesses.Result refused = statusAs(65534, 65534, shared);
        assertEquals(1, refused.exitCode(), refused.out());
        assertEquals("ringsync: cfg status: access denied: uid 65534 (gid 65534) is not allowed by system.ipc_allowed_uids or"
                + " system.ipc_allowed_gids on node 1", refused.err().strip());
        assertEquals(refusedBefore + 1, ipcCounter(sharedConfig, "ipc.refused"));
    }

    @Test
    void socketAndRunDirectoryModesFollowWhoIsAllowed() throws Exception {
        assertEquals(0711, mode(shared.system().runDir()));
        assertEquals(0666, mode(shared.system().ipcSocket()));
        assertEquals(0700, mode(exclusive.system().runDir()));
        assertEquals(0600, mode(exclusive.system().ipcSocket()));
    }

    @Test
    void anOwnerOnlyNodeIsOutOfReachOfOtherUsers() throws Exception {
        RingsyncProcesses.Result refused = statusAs(65534, 65534, exclusive);
        assertEquals(1, refused.exitCode(), refused.out());
        assertEquals("ringsync: cfg status: access denied: cannot reach the node's socket " + exclusive.system().ipcSocket()
                + " (permission denied); the node lets in its own user and root, and whom system.ipc_allowed_uids"
                + " and system.ipc_allowed_gids name", refused.err().strip());
    }

    private RingsyncProcesses.Result statusAs(long uid, long gid, RingsyncSettings node) throws Exception {
        List<String> setpriv = List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
        return processes.run(setpriv, publicJar, CLI_TIMEOUT, "cfg", "status", "--socket",
                node.system().ipcSocket().toString());
    }

    private long ipcCounter(Path config, String name) throws Exception {
        RingsyncProcesses.Result status = processes.run(CLI_TIMEOUT, "cfg", "status", "--json", "--config",
                config.toString());
        assertEquals(0, status.exitCode(), status.err());
        JsonNode counter = Json.mapper().readTree(status.out()).path("ipcCounters").path(name);
        assertTrue(counter.isNumber(), status.out());
        return counter.asLong();
    }

    /** A one-node cluster's config in {@code <output>/<name>/node1.conf} with {@code extra} appended. */
    private Path writeConfig(String name, String extra) throws Exception {
        Path dir = processes.output().resolve(name);
        FileModes.deleteRecursively(dir);
        Path shm = Path.of("/dev/shm");
        Path runParent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : publicJar.getParent();
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(1));
        RingsyncProcesses.Result init = processes.run(CLI_TIMEOUT, "config", "init", "--nodes", "1",
                "--base-port", String.valueOf(port), "--dir", dir.toString(),
                "--cluster-name", "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8),
                "--run-dir-parent", runParent.toString());
        assertEquals(0, init.exitCode(), init.err());
        Path config = dir.resolve("node1.conf");
        Files.writeString(config, Files.readString(config) + extra);
        return config;
    }

    private static int mode(Path path) throws IOException {
        return FileModes.mode(Files.getPosixFilePermissions(path));
    }
}
