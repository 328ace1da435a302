package io.ringsync.node.cli;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.NodeStartRefusedException;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.logging.LoggingSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/** How a command starts the node of its config: logging first, then the node; a refused start is one line on {@code err}. */
final class NodeLaunch {

    private NodeLaunch() {
    }

    /** The started node, or empty after printing why it refused to start. */
    static Optional<RingsyncNode> start(RingsyncSettings settings, PrintStream err) throws IOException {
        LoggingSetup.configure(settings.logging(), "node" + settings.nodeId());
        try {
            return Optional.of(RingsyncNode.start(settings));
        } catch (NodeStartRefusedException e) {
            err.println("ringsync: " + e.getMessage());
            return Optional.empty();
        }
    }
}
