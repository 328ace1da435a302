package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ringsync cmap list [PREFIX]}: every key (under PREFIX), one {@code key (type) = value} line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List keys, all or under a prefix (cmapctl [prefix]).")
public final class CmapListCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Only keys starting with PREFIX.")
    String prefix = "";

    @Option(names = "--json", description = "Print the entries as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> reply = CmapIpc.send(target, CmapIpc.op("cmap.list").put("prefix", prefix), "cmap list", err);
        if (reply.isEmpty()) {
            return FAILED;
        }
        if (json) {
            out.println(Json.pretty(reply.get()));
        } else {
            reply.get().path("entries").forEach(entry -> out.println(CmapFormatter.entry(entry)));
        }
        return OK;
    }
}
