package io.ringsync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a node keeps its files: the run directory (volatile: Aeron's driver directory lives
 * in {@code runDir/aeron}; removed at clean shutdown), the state directory (kept across
 * restarts: ring id, expected-votes tracking), and the local IPC socket path with its mode.
 *
 * <p>IPC access: the node's own uid and root may always use the socket; {@code ipcAllowedUids}
 * and {@code ipcAllowedGids} (numeric, 0..4294967294, sorted and unique) name further users
 * and primary groups, checked against each client's credentials. When nobody else is allowed
 * the run directory is {@code 0700}; otherwise {@code 0711}, so that the allowed users can
 * reach the socket (but not list the directory).
 */
public record SystemSettings(Path runDir, Path stateDir, Path ipcSocket, int ipcSocketMode,
                             List<Long> ipcAllowedUids, List<Long> ipcAllowedGids) {

    /** The largest uid or gid: Linux ids are 32-bit unsigned, and 2^32 - 1 means "no id". */
    public static final long MAX_ID = 0xFFFF_FFFEL;

    /** Copies both lists (immutable). */
    public SystemSettings {
        ipcAllowedUids = List.copyOf(ipcAllowedUids);
        ipcAllowedGids = List.copyOf(ipcAllowedGids);
    }

    /** Settings that allow nobody but the owner and root on the socket. */
    public SystemSettings(Path runDir, Path stateDir, Path ipcSocket, int ipcSocketMode) {
        this(runDir, stateDir, ipcSocket, ipcSocketMode, List.of(), List.of());
    }

    /** The embedded media driver's directory. */
    public Path aeronDir() {
        return runDir.resolve("aeron");
    }

    /** True when no uid or gid besides the owner's and root's may use the socket. */
    public boolean ipcOwnerOnly() {
        return ipcAllowedUids.isEmpty() && ipcAllowedGids.isEmpty();
    }

    /** The run directory's mode: {@code 0700}, or {@code 0711} when others are allowed on the socket. */
    public int runDirMode() {
        return ipcOwnerOnly() ? 0700 : 0711;
    }

    /** The socket mode derived when {@code ipc_socket_mode} is not set: {@code 0600}, or {@code 0666} when others are allowed. */
    public static int defaultSocketMode(boolean ownerOnly) {
        return ownerOnly ? 0600 : 0666;
    }
}
