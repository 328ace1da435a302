package io.ringsync.config;

import java.nio.file.Path;

/**
 * Where a node keeps its files: the run directory (volatile: Aeron's driver directory lives
 * in {@code runDir/aeron}; removed at clean shutdown), the state directory (kept across
 * restarts: ring id, expected-votes tracking), and the local IPC socket path.
 */
public record SystemSettings(Path runDir, Path stateDir, Path ipcSocket, int ipcSocketMode) {

    /** The embedded media driver's directory. */
    public Path aeronDir() {
        return runDir.resolve("aeron");
    }
}
