package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync blackbox} ({@code corosync-blackbox}): the node's recent log events, DEBUG
 * included, from its in-memory ring buffer ({@code logging.blackbox_events}), oldest first.
 */
@Command(name = "blackbox", mixinStandardHelpOptions = true, description = "Dump the node's recent debug events (corosync-blackbox).")
public final class BlackboxCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--json", description = "Print the events as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> reply = CmapIpc.send(target, CmapIpc.op("cfg.blackbox"), "blackbox", err);
        if (reply.isEmpty()) {
            return FAILED;
        }
        if (json) {
            out.println(Json.pretty(reply.get()));
        } else {
            reply.get().path("events").forEach(event -> out.println(event.path("line").asText()));
        }
        return OK;
    }
}
