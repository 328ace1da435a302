package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync ckpt put NAME SECTION (--text T | --file F)}: stores one section through the
 * node (opens the checkpoint, creating it with the IPC defaults when missing; creates the
 * section or overwrites it; closes). The data must fit one IPC request (about 48 KiB).
 */
@Command(name = "put", mixinStandardHelpOptions = true, description = "Store one section of a checkpoint.")
public final class CkptPutCommand implements CliCommand {

    @Mixin
    CkptIpc ipc;

    @Parameters(index = "0", paramLabel = "NAME", description = "The checkpoint's name.")
    String name;

    @Parameters(index = "1", paramLabel = "SECTION", description = "The section's id (text).")
    String section;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    /** The section's bytes: text or a file (shared with {@code ckpt add}). */
    static final class Data {
        @Option(names = "--text", paramLabel = "TEXT", description = "The data, as UTF-8 text.")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "A file holding the data.")
        Path file;

        /** The bytes in base64, as the IPC requests take them. */
        String base64() throws IOException {
            return Base64.getEncoder().encodeToString(text != null ? text.getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(file));
        }
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<CkptIpc.Session> session = ipc.connect("ckpt put", err);
        if (session.isEmpty()) {
            return FAILED;
        }
        try (CkptIpc.Session node = session.get()) {
            Optional<JsonNode> opened = node.request(Json.object().put("op", "ckpt.open").put("name", name)
                    .put("flags", "read,write,create"));
            if (opened.isEmpty()) {
                return FAILED;
            }
            long handle = opened.get().get("handle").asLong();
            boolean stored = store(node, handle);
            boolean closed = node.request(Json.object().put("op", "ckpt.close").put("handle", handle)).isPresent();
            if (stored && closed) {
                out.println("stored section \"" + section + "\" of checkpoint \"" + name + "\"");
            }
            return stored && closed ? OK : FAILED;
        }
    }

    /** Overwrites the section, creating it when it does not exist yet. */
    private boolean store(CkptIpc.Session node, long handle) throws IOException {
        String bytes = data.base64();
        ObjectNode create = Json.object().put("op", "ckpt.section_create").put("handle", handle).put("section", section)
                .put("base64", bytes);
        JsonNode created = node.requestQuietly(create);
        if (!created.has("error")) {
            return true;
        }
        if (!"EXIST".equals(created.path("result").asText())) {
            return node.report(created);
        }
        return node.request(Json.object().put("op", "ckpt.overwrite").put("handle", handle).put("section", section)
                .put("base64", bytes)).isPresent();
    }
}
