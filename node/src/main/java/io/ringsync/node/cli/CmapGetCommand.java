package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ringsync cmap get KEY}: one key ({@code cmapctl -g}); exit 1 when it does not exist. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one key (cmapctl -g).")
public final class CmapGetCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Option(names = "--json", description = "Print the entry as JSON.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print the value only (cmapctl -q).")
    boolean quiet;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> reply = CmapIpc.send(target, CmapIpc.op("cmap.get").put("key", key), "cmap get", err);
        if (reply.isEmpty()) {
            return FAILED;
        }
        out.println(json ? Json.pretty(reply.get()) : quiet ? reply.get().path("text").asText() : CmapFormatter.entry(reply.get()));
        return OK;
    }
}
