package io.ringsync.node.ckpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.CkptException;
import io.ringsync.ckpt.service.CkptCall;
import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.ckpt.store.WriteElement;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcConnection;
import io.ringsync.node.ipc.IpcConnectionHandler;
import io.ringsync.node.ipc.IpcProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The checkpoint service's IPC operations ({@code ckpt.<op>}), request/reply JSON over the
 * node's socket, for tools and client processes:
 * <ul>
 *   <li>{@code list}: every checkpoint of this node's replica; {@code dump {name}}: a live
 *       checkpoint's sections with a digest each.</li>
 *   <li>{@code open {name, flags: "read,write,create", attributes?}} gives a {@code handle};
 *       {@code close {handle}}, {@code unlink {name}}, {@code status {handle}}.</li>
 *   <li>{@code retention_set {handle, retentionNs}} (null: for ever).</li>
 *   <li>{@code section_create {handle, section, expirationNs?, text|base64?}}, or with
 *       {@code generated: true} instead of {@code section} the service chooses the id (given
 *       back as {@code section}),
 *       {@code section_delete {handle, section}}, {@code write {handle, section, offset?, text|base64}},
 *       {@code overwrite {handle, section, text|base64}}, {@code read {handle, section, offset?, size?}}
 *       (gives {@code base64}, and {@code text} when the bytes are UTF-8).</li>
 * </ul>
 * A successful reply has {@code "result": "OK"}; a call the service refuses has the SA Forum
 * result, its code, and an {@code error} line (e.g. {@code ckpt.open: NOT_EXIST});
 * a malformed request an {@code error} naming the field. Handles are numbered per node (any
 * connection may use one), and a connection's own opens are closed for it when it goes
 * ({@link ConnectionHandles}); such a connection no longer idles out. Requests are at most 64 KiB (so is a write's
 * data, base64 included); a read returns at most {@value #MAX_READ_BYTES} bytes.
 */
public final class CkptIpcHandler implements IpcConnectionHandler {

    /** The most bytes one read returns (the IPC reply is at most 1 MiB, base64 takes 4/3). */
    public static final int MAX_READ_BYTES = 512 * 1024;

    /** How long a request waits for the service (under the IPC client's 10 s). */
    static final Duration WAIT = Duration.ofSeconds(8);

    private static final String OPS = "list, dump, open, close, unlink, status, retention_set, section_create, "
            + "section_delete, write, overwrite, read";

    private final Ckpt ckpt;
    private final int nodeId;
    private final ConnectionHandles owned;

    /** The handler of node {@code nodeId}'s service, through {@code ckpt}. */
    public CkptIpcHandler(Ckpt ckpt, int nodeId) {
        this.ckpt = ckpt;
        this.nodeId = nodeId;
        this.owned = new ConnectionHandles(ckpt::close);
    }

    @Override
    public JsonNode handle(String op, JsonNode request, IpcConnection connection) throws IpcProtocolException {
        RequestFields f = new RequestFields(op, request);
        return switch (op) {
            case "ckpt.list" -> call(op, ckpt.list(), this::listed);
            case "ckpt.dump" -> call(op, ckpt.dump(f.text("name")), CkptIpcHandler::dumped);
            case "ckpt.open" -> open(op, f, connection);
            case "ckpt.close" -> close(op, f.number("handle"));
            case "ckpt.unlink" -> done(op, ckpt.unlink(f.text("name")));
            case "ckpt.status" -> call(op, ckpt.status(f.number("handle")), CkptIpcHandler::status);
            case "ckpt.retention_set" -> done(op, ckpt.setRetention(f.number("handle"), retention(f, request)));
            case "ckpt.section_create" -> createSection(op, f, request);
            case "ckpt.section_delete" -> done(op, ckpt.deleteSection(f.number("handle"), SectionId.of(f.text("section"))));
            case "ckpt.write" -> done(op, ckpt.write(f.number("handle"), List.of(new WriteElement(
                    SectionId.of(f.text("section")), f.optionalNumber("offset").orElse(0), f.data()))));
            case "ckpt.overwrite" -> done(op, ckpt.overwrite(f.number("handle"), SectionId.of(f.text("section")), f.data()));
            case "ckpt.read" -> read(op, f);
            default -> throw new IpcProtocolException("unknown op \"" + op + "\" (ckpt ops: " + OPS + ")");
        };
    }

    private JsonNode open(String op, RequestFields f, IpcConnection connection) throws IpcProtocolException {
        OpenFlags flags = flags(op, f.text("flags"));
        JsonNode attributes = f.optionalObject("attributes");
        Function<Long, JsonNode> opened = handle -> {
            owned.opened(connection, handle);
            return ok().put("handle", handle);
        };
        if (flags.create()) {
            CreationAttributes created = attributes(f.nested(attributes == null ? Json.object() : attributes, "attributes"));
            return call(op, ckpt.create(f.text("name"), created, flags), opened);
        }
        if (attributes != null) {
            throw new IpcProtocolException(op + ": attributes come only with the create flag");
        }
        return call(op, ckpt.open(f.text("name"), flags), opened);
    }

    private JsonNode close(String op, long handle) throws IpcProtocolException {
        return call(op, ckpt.close(handle), nothing -> {
            owned.closed(handle);
            return ok();
        });
    }

    /** A section named by {@code section}, or with {@code generated: true} one the service names. */
    private JsonNode createSection(String op, RequestFields f, JsonNode request) throws IpcProtocolException {
        long handle = f.number("handle");
        long expiration = f.optionalNumber("expirationNs").orElse(Times.END);
        byte[] data = request.has("text") || request.has("base64") ? f.data() : new byte[0];
        boolean generated = f.bool("generated", false);
        if (generated == request.has("section")) {
            throw new IpcProtocolException(op + ": give exactly one of \"section\" or \"generated\": true");
        }
        if (generated) {
            return call(op, ckpt.createGeneratedSection(handle, expiration, data),
                    id -> ok().put("section", id.display()));
        }
        return done(op, ckpt.createSection(handle, SectionId.of(f.text("section")), expiration, data));
    }

    /** The {@code retentionNs} field: a whole number of nanoseconds, or null for ever; it must be there. */
    private static long retention(RequestFields f, JsonNode request) throws IpcProtocolException {
        if (!request.has("retentionNs")) {
            throw new IpcProtocolException("ckpt.retention_set: field \"retentionNs\" must be a whole number"
                    + " (nanoseconds) or null (for ever)");
        }
        return f.optionalNumber("retentionNs").orElse(Times.END);
    }

    private JsonNode read(String op, RequestFields f) throws IpcProtocolException {
        long size = f.optionalNumber("size").orElse(MAX_READ_BYTES);
        if (size < 0 || size > MAX_READ_BYTES) {
            throw new IpcProtocolException(op + ": field \"size\" must be 0.." + MAX_READ_BYTES);
        }
        ReadRange range = new ReadRange(SectionId.of(f.text("section")), f.optionalNumber("offset").orElse(0), size);
        return call(op, ckpt.read(f.number("handle"), List.of(range)), data -> {
            ObjectNode reply = ok().put("size", data.get(0).length).put("base64", Base64.getEncoder().encodeToString(data.get(0)));
            utf8(data.get(0)).ifPresent(text -> reply.put("text", text));
            return reply;
        });
    }

    /** {@code "read,write,create"} (any order, any subset). */
    private static OpenFlags flags(String op, String text) throws IpcProtocolException {
        int bits = 0;
        for (String flag : text.split(",")) {
            bits |= switch (flag.strip().toLowerCase(Locale.ROOT)) {
                case "read" -> OpenFlags.READ;
                case "write" -> OpenFlags.WRITE;
                case "create" -> OpenFlags.CREATE;
                default -> throw new IpcProtocolException(op + ": unknown open flag \"" + flag.strip()
                        + "\" (flags: read, write, create)");
            };
        }
        return OpenFlags.of(bits);
    }

    /**
     * Creation attributes with defaults: creationFlags 1 (all replicas), maxSections 16,
     * maxSectionSize 65536, checkpointSize maxSections x maxSectionSize, maxSectionIdSize 64,
     * retentionDurationNs absent or null for ever.
     */
    private static CreationAttributes attributes(RequestFields a) throws IpcProtocolException {
        long maxSections = a.optionalNumber("maxSections").orElse(16);
        long maxSectionSize = a.optionalNumber("maxSectionSize").orElse(65_536);
        return new CreationAttributes((int) a.optionalNumber("creationFlags").orElse(CreationAttributes.WR_ALL_REPLICAS),
                a.optionalNumber("checkpointSize").orElse(Math.max(0, maxSections) * Math.max(0, maxSectionSize)),
                a.optionalNumber("retentionDurationNs").orElse(Times.END), (int) Math.min(Integer.MAX_VALUE, maxSections),
                maxSectionSize, (int) a.optionalNumber("maxSectionIdSize").orElse(64));
    }

    private JsonNode listed(List<CheckpointView> views) {
        ObjectNode reply = ok().put("nodeId", nodeId);
        ArrayNode checkpoints = reply.putArray("checkpoints");
        views.forEach(view -> checkpoints.add(CkptJson.checkpoint(view)));
        return reply;
    }

    private static JsonNode dumped(CkptCall.DumpView dump) {
        ObjectNode reply = ok();
        reply.set("checkpoint", CkptJson.checkpoint(dump.checkpoint()));
        reply.set("sections", CkptJson.sections(dump.sections()));
        return reply;
    }

    private static JsonNode status(CheckpointStatus status) {
        ObjectNode reply = ok().put("sections", status.sections()).put("bytesUsed", status.bytesUsed());
        reply.set("attributes", CkptJson.attributes(status.attributes()));
        return reply;
    }

    private static ObjectNode ok() {
        return Json.object().put("result", "OK");
    }

    private static JsonNode done(String op, CompletionStage<Void> stage) throws IpcProtocolException {
        return call(op, stage, nothing -> ok());
    }

    /** Waits for {@code stage}; a refusal becomes the SA Forum result and an error line. */
    private static <T> JsonNode call(String op, CompletionStage<T> stage, Function<T, JsonNode> reply)
            throws IpcProtocolException {
        try {
            return reply.apply(stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CkptException refused) {
                ObjectNode answer = Json.object().put("error", op + ": " + refused.error()
                        + (refused.failedIndex() >= 0 ? " at element " + refused.failedIndex() : ""));
                return answer.put("result", refused.error().name()).put("code", refused.error().code());
            }
            throw new IpcProtocolException(op + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return Json.object().put("error", op + ": TIMEOUT (no answer within " + WAIT.toSeconds() + " s)")
                    .put("result", "TIMEOUT").put("code", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException(op + ": interrupted");
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
