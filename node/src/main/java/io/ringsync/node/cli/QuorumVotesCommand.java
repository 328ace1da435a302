package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.QuorumIpcHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync quorum votes [--node ID] V}: sets a node's votes, this node's by default
 * ({@code corosync-quorumtool -v V -n ID}); refused when the quorum would leave the total votes
 * behind. Exit 0 once applied, 1 when refused.
 */
@Command(name = "votes", mixinStandardHelpOptions = true, description = "Set a node's votes (quorumtool -v, -n).")
public final class QuorumVotesCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = {"-n", "--node"}, paramLabel = "ID", description = "The node whose votes change (default: this node).")
    Integer node;

    @Parameters(index = "0", paramLabel = "V", description = "The node's new votes.")
    int votes;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return FAILED;
        }
        ObjectNode request = Json.object().put("op", QuorumIpcHandler.VOTES).put("votes", votes);
        if (node != null) {
            request.put("nodeId", node);
        }
        if (NodeRequest.send(socket.get(), request, QuorumIpcHandler.CHANGE_TIMEOUT.plusSeconds(3), "quorum votes",
                err).isEmpty()) {
            return FAILED;
        }
        out.println("votes of " + (node == null ? "this node" : "node " + node) + " set to " + votes);
        return OK;
    }
}
