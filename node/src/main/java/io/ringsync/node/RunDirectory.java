package io.ringsync.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.SystemSettings;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.NodeIpcHandler;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's run directory: the IPC socket, the Aeron driver directory and a pid file. It is
 * created 0700 (0711 when other users are allowed on the IPC socket), owned by the node's
 * user. Only a node's own entries are ever deleted, so a run directory shared by mistake with other files
 * loses nothing but ours; the directory itself goes when it is empty.
 */
public final class RunDirectory {

    /** The pid file, for operators. */
    public static final String PID_FILE = "ringsync.pid";

    private static final Logger log = LoggerFactory.getLogger(RunDirectory.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final SystemSettings system;

    private RunDirectory(SystemSettings system) {
        this.system = system;
    }

    /**
     * Claims the run directory: refuses when a live node answers on the socket, creates the
     * directory or checks that the one there is ours (see {@link #createPrivate}; nothing is
     * deleted before that), removes what a killed node left behind and writes the pid file.
     */
    public static RunDirectory claim(SystemSettings system) throws IOException {
        RunDirectory dir = new RunDirectory(system);
        dir.refuseIfLive();
        createPrivate(system.runDir(), system.runDirMode());
        dir.removeOwnEntries("stale");
        Files.writeString(system.runDir().resolve(PID_FILE), ProcessHandle.current().pid() + "\n");
        return dir;
    }

    /**
     * Creates {@code dir} with {@code mode} (0700, or 0711 when other users may use the
     * socket) and no window at the umask: it is made with the owner's bits only, then opened to
     * {@code mode}. A directory that exists already must be a real directory of this process's
     * user (not a symlink, not planted by another user in a shared place such as /dev/shm);
     * its mode is set to {@code mode}.
     *
     * @throws NodeStartRefusedException when the directory belongs to someone else or is no directory
     */
    static void createPrivate(Path dir, int mode) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FileModes.permissions(mode & 0700)));
        } catch (FileAlreadyExistsException e) {
            log.debug("run directory {} exists; checking it", dir);
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new NodeStartRefusedException("run directory " + dir + " is not a directory"
                    + (attributes.isSymbolicLink() ? " but a symbolic link" : "") + "; remove it or set system.run_dir");
        }
        long owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (owner != ProcessIdentity.uid()) {
            throw new NodeStartRefusedException("run directory " + dir + " belongs to uid " + owner + " ("
                    + attributes.owner().getName() + "), not to this node's uid " + ProcessIdentity.uid()
                    + "; remove it or set system.run_dir");
        }
        Files.setPosixFilePermissions(dir, FileModes.permissions(mode));
    }

    /** The directory. */
    public Path path() {
        return system.runDir();
    }

    /** Removes the node's entries and then the directory if nothing else is in it. Idempotent. */
    public void release() {
        try {
            removeOwnEntries("own");
            Files.deleteIfExists(system.runDir());
        } catch (DirectoryNotEmptyException e) {
            log.warn("run directory {} kept: it holds files that are not the node's", system.runDir());
        } catch (IOException e) {
            log.warn("could not remove run directory {}: {}", system.runDir(), e.getMessage());
        }
    }

    private void refuseIfLive() throws IOException {
        Path socket = system.ipcSocket();
        if (!Files.exists(socket)) {
            return;
        }
        try (IpcClient client = IpcClient.connect(socket, PROBE_TIMEOUT)) {
            JsonNode pong = client.request(NodeIpcHandler.PING);
            throw new NodeAlreadyRunningException(socket,
                    "node " + pong.path("nodeId").asText("?") + " of cluster " + pong.path("clusterName").asText("?"));
        } catch (NodeAlreadyRunningException e) {
            throw e;
        } catch (IOException e) {
            log.info("socket {} is stale ({}): cleaning up after a node that did not stop cleanly", socket, e.getMessage());
        }
    }

    private void removeOwnEntries(String what) throws IOException {
        Path runDir = system.runDir();
        if (!Files.isDirectory(runDir)) {
            Files.deleteIfExists(system.ipcSocket());
            return;
        }
        boolean existed = Files.exists(system.aeronDir()) || Files.exists(system.ipcSocket());
        FileModes.deleteRecursively(system.aeronDir());
        Files.deleteIfExists(system.ipcSocket());
        Files.deleteIfExists(runDir.resolve(PID_FILE));
        if (existed) {
            log.debug("removed {} entries of run directory {}", what, runDir);
        }
    }
}
