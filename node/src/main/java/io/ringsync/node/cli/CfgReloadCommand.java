package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.cmap.CmapActor;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync cfg reload} ({@code corosync-cfgtool -R}): every node of the ring re-reads its
 * config file; all apply what can change at runtime, or, when any file is invalid, none changes
 * anything. Prints the outcome and, per node, what it applied, what needs a restart, or why its file
 * is invalid. Exit 0 when committed, 1 otherwise.
 */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Reload every node's config file (cfgtool -R).")
public final class CfgReloadCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> reply = CmapIpc.send(target, CmapIpc.op("cfg.reload"), CmapActor.CLUSTER_OP_TIMEOUT.plusSeconds(5),
                "cfg reload", err);
        if (reply.isEmpty()) {
            return FAILED;
        }
        boolean committed = reply.get().path("committed").asBoolean();
        if (json) {
            out.println(Json.pretty(reply.get()));
        } else {
            out.print(format(reply.get()));
        }
        return committed ? OK : FAILED;
    }

    /** The outcome as lines: a headline, then per node its changes or problems. */
    static String format(JsonNode outcome) {
        StringBuilder text = new StringBuilder();
        if (outcome.path("committed").asBoolean()) {
            text.append("reload applied: every node's config file is valid\n");
        } else if (!outcome.path("reason").asText().isEmpty()) {
            text.append("reload not applied: ").append(outcome.path("reason").asText()).append('\n');
        } else {
            text.append("reload not applied: a config file is invalid; nothing changed on any node\n");
        }
        for (JsonNode node : outcome.path("nodes")) {
            String prefix = "node " + node.path("nodeId").asInt() + ": ";
            int lines = 0;
            for (JsonNode problem : node.path("problems")) {
                text.append(prefix).append("invalid: ").append(problem.asText()).append('\n');
                lines++;
            }
            for (JsonNode change : node.path("applied")) {
                text.append(prefix).append(outcome.path("committed").asBoolean() ? "applied " : "would apply ")
                        .append(change.asText()).append('\n');
                lines++;
            }
            for (JsonNode change : node.path("restart")) {
                text.append(prefix).append("needs a restart: ").append(change.asText()).append('\n');
                lines++;
            }
            if (lines == 0) {
                text.append(prefix).append("no change\n");
            }
        }
        return text.toString();
    }
}
