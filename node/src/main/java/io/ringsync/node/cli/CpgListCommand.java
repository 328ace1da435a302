package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgMember;
import io.ringsync.node.Json;
import io.ringsync.node.cpg.CpgJson;
import io.ringsync.node.ipc.IpcAccessDeniedException;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.NodeNotRunningException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync cpg list}: every group and its members (pid and node id), as
 * {@code corosync-cpgtool} prints them, or as JSON.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups and their members (cpgtool).")
public final class CpgListCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--json", description = "Print the groups as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return USAGE;
        }
        JsonNode reply;
        try (IpcClient client = IpcClient.connect(socket.get(), IpcClient.DEFAULT_TIMEOUT)) {
            reply = client.request("cpg.list");
        } catch (NodeNotRunningException | IpcAccessDeniedException e) {
            err.println("ringsync: " + e.getMessage());
            return FAILED;
        }
        if (reply.has("error")) {
            err.println("ringsync: cpg list: the node answered: " + reply.get("error").asText());
            return FAILED;
        }
        if (json) {
            out.println(Json.pretty(reply));
        } else {
            out.print(format(CpgJson.groupsOf(reply)));
        }
        return OK;
    }

    /** The cpgtool table: a line per group, then its members' pid and node id. */
    static String format(List<CpgGroupMembers> groups) {
        StringBuilder table = new StringBuilder(String.format("%-30s %10s %10s%n", "Group Name", "PID", "Node ID"));
        for (CpgGroupMembers group : groups) {
            table.append(group.group()).append(System.lineSeparator());
            for (CpgMember member : group.members()) {
                table.append(String.format("%-30s %10d %10d%n", "", member.pid(), member.nodeId()));
            }
        }
        return table.toString();
    }
}
