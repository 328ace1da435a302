package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync ckpt dump NAME}: a checkpoint's sections with id, size, expiration and a
 * digest each, so that the replicas of two nodes can be compared; or the IPC reply as JSON.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Show a checkpoint's sections with digests.")
public final class CkptDumpCommand implements CliCommand {

    @Mixin
    CkptIpc ipc;

    @Parameters(index = "0", paramLabel = "NAME", description = "The checkpoint's name.")
    String name;

    @Option(names = "--json", description = "Print the reply as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<CkptIpc.Session> session = ipc.connect("ckpt dump", err);
        if (session.isEmpty()) {
            return FAILED;
        }
        try (CkptIpc.Session node = session.get()) {
            Optional<JsonNode> reply = node.request(Json.object().put("op", "ckpt.dump").put("name", name));
            if (reply.isEmpty()) {
                return FAILED;
            }
            out.print(json ? Json.pretty(reply.get()) + System.lineSeparator() : CkptFormatter.dump(reply.get()));
            return OK;
        }
    }
}
