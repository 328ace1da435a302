package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgMember;
import io.ringsync.node.Json;
import io.ringsync.node.cpg.CpgJson;
import java.io.PrintStream;
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
        Optional<JsonNode> answer = NodeRequest.send(target, "cpg.list", "cpg list", err);
        if (answer.isEmpty()) {
            return FAILED;
        }
        JsonNode reply = answer.get();
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
