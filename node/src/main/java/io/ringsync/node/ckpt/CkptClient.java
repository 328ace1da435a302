package io.ringsync.node.ckpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.ckpt.CkptException;
import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.Times;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.IpcProtocolException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The checkpoint service for a process outside the node's JVM, over the node's IPC socket
 * ({@link CkptIpcHandler}'s {@code ckpt.*} operations), as openais' libSaCkpt gave it to processes
 * beside Corosync. Calls are synchronous; a call the service refuses throws a {@link CkptException}
 * with the SA Forum result (NOT_EXIST, EXIST, ACCESS, TRY_AGAIN while a sync round runs ...), as
 * the embedded {@code Ckpt} API fails its futures. Handles belong to this connection: the node
 * closes the ones still open when the connection goes, so a process that dies leaves no opener
 * behind (retention starts on every node). Thread-safe: one request at a time.
 */
public final class CkptClient implements AutoCloseable {

    private final IpcClient ipc;

    private CkptClient(IpcClient ipc) {
        this.ipc = ipc;
    }

    /** Connects to the node at {@code socket}. */
    public static CkptClient connect(Path socket) throws IOException {
        return connect(socket, IpcClient.DEFAULT_TIMEOUT);
    }

    /** Connects to the node at {@code socket}; each call waits at most {@code timeout} for its answer. */
    public static CkptClient connect(Path socket, Duration timeout) throws IOException {
        return new CkptClient(IpcClient.connect(socket, timeout));
    }

    /** Creates checkpoint {@code name} with {@code attributes} (or opens it, if it exists with them); its handle. */
    public long create(String name, CreationAttributes attributes, OpenFlags flags) throws IOException {
        if (!flags.create()) {
            throw new IllegalArgumentException("create needs the create flag, got " + flags);
        }
        ObjectNode a = Json.object().put("creationFlags", attributes.creationFlags())
                .put("checkpointSize", attributes.checkpointSize()).put("maxSections", attributes.maxSections())
                .put("maxSectionSize", attributes.maxSectionSize()).put("maxSectionIdSize", attributes.maxSectionIdSize());
        time(a, "retentionDurationNs", attributes.retentionDurationNs());
        ObjectNode request = request("ckpt.open").put("name", name).put("flags", flags(flags));
        request.set("attributes", a);
        return call(request).path("handle").asLong();
    }

    /** Opens the existing checkpoint {@code name}; its handle. */
    public long open(String name, OpenFlags flags) throws IOException {
        if (flags.create()) {
            throw new IllegalArgumentException("open with the create flag needs attributes: use create");
        }
        return call(request("ckpt.open").put("name", name).put("flags", flags(flags))).path("handle").asLong();
    }

    /** Closes {@code handle}. */
    public void close(long handle) throws IOException {
        call(request("ckpt.close").put("handle", handle));
    }

    /** Unlinks checkpoint {@code name}: the name goes at once, the data with its last opener. */
    public void unlink(String name) throws IOException {
        call(request("ckpt.unlink").put("name", name));
    }

    /** Sets the retention duration of {@code handle}'s checkpoint ({@link Times#END}: for ever). */
    public void setRetention(long handle, long retentionNs) throws IOException {
        ObjectNode request = request("ckpt.retention_set").put("handle", handle);
        time(request, "retentionNs", retentionNs);
        call(request);
    }

    /** The sections, bytes used and attributes of {@code handle}'s checkpoint. */
    public CheckpointStatus status(long handle) throws IOException {
        JsonNode reply = call(request("ckpt.status").put("handle", handle));
        JsonNode a = reply.path("attributes");
        JsonNode retention = a.path("retentionDurationNs");
        CreationAttributes attributes = new CreationAttributes(a.path("creationFlags").asInt(),
                a.path("checkpointSize").asLong(), retention.isNull() ? Times.END : retention.asLong(),
                a.path("maxSections").asInt(), a.path("maxSectionSize").asLong(), a.path("maxSectionIdSize").asInt());
        return new CheckpointStatus(attributes, reply.path("sections").asInt(), reply.path("bytesUsed").asLong());
    }

    /** Creates section {@code section} holding {@code data}, expiring at {@code expirationNs} ({@link Times#END}: never). */
    public void createSection(long handle, String section, long expirationNs, byte[] data) throws IOException {
        call(withData(request("ckpt.section_create").put("handle", handle).put("section", section), data)
                .put("expirationNs", expirationNs));
    }

    /** Creates a section whose id the service chooses (SA_CKPT_GENERATED_SECTION_ID); that id. */
    public String createGeneratedSection(long handle, long expirationNs, byte[] data) throws IOException {
        return call(withData(request("ckpt.section_create").put("handle", handle).put("generated", true), data)
                .put("expirationNs", expirationNs)).path("section").asText();
    }

    /** Deletes section {@code section}. */
    public void deleteSection(long handle, String section) throws IOException {
        call(request("ckpt.section_delete").put("handle", handle).put("section", section));
    }

    /** Writes {@code data} into {@code section} at {@code offset}. */
    public void write(long handle, String section, long offset, byte[] data) throws IOException {
        call(withData(request("ckpt.write").put("handle", handle).put("section", section).put("offset", offset), data));
    }

    /** Replaces the whole content of {@code section} with {@code data}. */
    public void overwrite(long handle, String section, byte[] data) throws IOException {
        call(withData(request("ckpt.overwrite").put("handle", handle).put("section", section), data));
    }

    /** At most {@code size} bytes of {@code section} from {@code offset} (at most {@link CkptIpcHandler#MAX_READ_BYTES}). */
    public byte[] read(long handle, String section, long offset, long size) throws IOException {
        JsonNode reply = call(request("ckpt.read").put("handle", handle).put("section", section).put("offset", offset)
                .put("size", size));
        return Base64.getDecoder().decode(reply.path("base64").asText());
    }

    /** The names of the checkpoints of the node's replica. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        call(request("ckpt.list")).path("checkpoints").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** Closes the connection; the node closes the handles this client left open. */
    @Override
    public void close() {
        ipc.close();
    }

    private static ObjectNode request(String op) {
        return Json.object().put("op", op);
    }

    private static ObjectNode withData(ObjectNode request, byte[] data) {
        return request.put("base64", Base64.getEncoder().encodeToString(data));
    }

    private static void time(ObjectNode node, String field, long ns) {
        if (ns == Times.END) {
            node.putNull(field);
        } else {
            node.put(field, ns);
        }
    }

    private static String flags(OpenFlags flags) {
        List<String> names = new ArrayList<>();
        if (flags.read()) {
            names.add("read");
        }
        if (flags.write()) {
            names.add("write");
        }
        if (flags.create()) {
            names.add("create");
        }
        return String.join(",", names);
    }

    /**
     * Sends {@code request}: the reply when its result is OK; a {@link CkptException} with the SA
     * Forum result when the service refused; an {@link IpcProtocolException} naming the request
     * when the node found it malformed.
     */
    private synchronized JsonNode call(ObjectNode request) throws IOException {
        String op = request.path("op").asText();
        JsonNode reply = ipc.request(request);
        String result = reply.path("result").asText("");
        if ("OK".equals(result)) {
            return reply;
        }
        if (!result.isEmpty()) {
            try {
                throw new CkptException(op, CkptError.valueOf(result), -1);
            } catch (IllegalArgumentException unknown) {
                throw new IpcProtocolException(op + ": unexpected result " + result);
            }
        }
        throw new IpcProtocolException(reply.path("error").asText(op + ": unexpected reply " + reply));
    }
}
