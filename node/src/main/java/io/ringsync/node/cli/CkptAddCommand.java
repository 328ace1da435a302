package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync ckpt add NAME (--text T | --file F)}: creates a section whose id the service
 * chooses ({@code SA_CKPT_GENERATED_SECTION_ID}) in an existing checkpoint, and prints that id.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a section with a generated id to a checkpoint; prints the id.")
public final class CkptAddCommand implements CliCommand {

    @Mixin
    CkptIpc ipc;

    @Parameters(index = "0", paramLabel = "NAME", description = "The checkpoint's name (it must exist).")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CkptPutCommand.Data data;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<CkptIpc.Session> session = ipc.connect("ckpt add", err);
        if (session.isEmpty()) {
            return FAILED;
        }
        AtomicReference<String> section = new AtomicReference<>();
        try (CkptIpc.Session node = session.get()) {
            boolean added = CkptSession.withHandle(node, name, "read,write", (n, handle) -> {
                Optional<JsonNode> created = n.request(Json.object().put("op", "ckpt.section_create")
                        .put("handle", handle).put("generated", true).put("base64", data.base64()));
                created.ifPresent(reply -> section.set(reply.path("section").asText()));
                return created.isPresent();
            });
            if (added) {
                out.println(section.get());
            }
            return added ? OK : FAILED;
        }
    }
}
