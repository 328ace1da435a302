package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.NodeIpcHandler;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStatus;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync cfg status}: the ring and the links of a running node, as
 * {@code corosync-cfgtool -s} prints them, or the report as JSON (with a {@code totem} object:
 * ring id, state, members and the main Totem counters). The node is found by its config file
 * or socket path.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the node's ring and links (cfgtool -s).")
public final class CfgStatusCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--json", description = "Print the status report as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> answer = NodeRequest.send(target, NodeIpcHandler.STATUS, "cfg status", err);
        if (answer.isEmpty()) {
            return FAILED;
        }
        JsonNode reply = answer.get();
        if (json) {
            out.println(Json.pretty(reply));
        } else {
            JsonNode totem = reply.path(NodeIpcHandler.TOTEM);
            out.print(StatusFormatter.format(Json.fromTree(reply, LinkStatusReport.class),
                    totem.isObject() ? Json.fromTree(totem, TotemStatus.class) : null));
        }
        return OK;
    }
}
