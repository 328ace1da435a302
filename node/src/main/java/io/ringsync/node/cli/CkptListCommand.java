package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ringsync ckpt list}: the checkpoints of the node's replica with their attributes,
 * sizes, sections and openers per node, or the IPC reply as JSON.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the checkpoints of a node's replica.")
public final class CkptListCommand implements CliCommand {

    @Mixin
    CkptIpc ipc;

    @Option(names = "--json", description = "Print the reply as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<CkptIpc.Session> session = ipc.connect("ckpt list", err);
        if (session.isEmpty()) {
            return FAILED;
        }
        try (CkptIpc.Session node = session.get()) {
            Optional<JsonNode> reply = node.request(Json.object().put("op", "ckpt.list"));
            if (reply.isEmpty()) {
                return FAILED;
            }
            out.print(json ? Json.pretty(reply.get()) + System.lineSeparator() : CkptFormatter.list(reply.get()));
            return OK;
        }
    }
}
