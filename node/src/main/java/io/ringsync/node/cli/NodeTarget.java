package io.ringsync.node.cli;

import io.ringsync.config.RingsyncSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command finds the running node: its config file ({@code -c}) or its IPC socket
 * ({@code -s}); used as an exclusive, required picocli argument group.
 */
final class NodeTarget {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH", description = "The node's IPC socket.")
    Path socket;

    /** The socket, or empty after printing the config file's problems on {@code err}. */
    Optional<Path> socket(PrintStream err) {
        if (socket != null) {
            return Optional.of(socket);
        }
        return ConfigFiles.load(config, err).map((RingsyncSettings s) -> s.system().ipcSocket());
    }
}
