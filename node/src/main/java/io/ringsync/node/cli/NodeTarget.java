package io.ringsync.node.cli;

import io.ringsync.config.RingsyncSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a running node is, for the commands that query one: its config file or its IPC socket. */
final class NodeTarget {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH", description = "The node's IPC socket.")
    Path socket;

    /** The node's socket; empty (with the reason on {@code err}) when its config file does not load. */
    Optional<Path> socketPath(PrintStream err) {
        if (socket != null) {
            return Optional.of(socket);
        }
        return ConfigFiles.load(config, err).map((RingsyncSettings s) -> s.system().ipcSocket());
    }
}
