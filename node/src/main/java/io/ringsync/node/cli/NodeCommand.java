package io.ringsync.node.cli;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ShutdownHooks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync node --config FILE}: runs one node in the foreground until SIGTERM/SIGINT
 * (exit 0, or 143 as the JVM reports a signal) or until it stops after repeated failures
 * (exit 1), or until it is asked to leave ({@code ringsync cfg shutdown|kill}: exit 0). An invalid config prints its problems and exits 2; a refused start (another node
 * on the socket, an unusable authkey) prints one line and exits 1.
 */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run a node in the foreground.")
public final class NodeCommand implements CliCommand {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<RingsyncSettings> settings = ConfigFiles.load(config, err);
        if (settings.isEmpty()) {
            return USAGE;
        }
        Optional<RingsyncNode> started = NodeLaunch.start(settings.get(), err);
        if (started.isEmpty()) {
            return FAILED;
        }
        RingsyncNode node = started.get();
        ShutdownHooks.install("ringsync-shutdown", node::close);
        node.awaitTermination();
        if (node.stopRequested().isPresent()) {
            out.println("node " + settings.get().nodeId() + " left the cluster and stopped: " + node.stopRequested().get());
            return OK;
        }
        if (node.stoppedByFailure()) {
            err.println("ringsync: node " + settings.get().nodeId() + " stopped after repeated failures (see the log)");
            return FAILED;
        }
        return OK;
    }
}
