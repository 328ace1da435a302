package io.ringsync.node.cmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.node.ckpt.RequestFields;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.node.logging.Blackbox;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The IPC operations of the runtime database ({@code cmap.*}) and of the cfg tools ({@code cfg.*}):
 * <ul>
 *   <li>{@code cmap.get {key}}, {@code cmap.list {prefix?}} (entries as {@link CmapJson}),
 *       {@code cmap.set {key, type, value}} (the value as cmapctl's text: {@code "3000"},
 *       {@code "hello"}, hex for bin), {@code cmap.delete {key}};</li>
 *   <li>{@code cmap.track {key, prefix?, events?}} ({@code events}: some of
 *       {@code "create", "modify", "delete"}, all by default) gives a {@code trackId} whose events
 *       {@code cmap.poll {trackId, waitMs?}} returns (waiting up to {@code waitMs}, at most 5 s, for
 *       one); {@code cmap.untrack {trackId}}; a track not polled for 60 s is dropped;</li>
 *   <li>{@code cfg.reload} (the outcome: {@code committed}, {@code reason}, and per node
 *       {@code valid}, {@code applied}, {@code restart}, {@code problems}), {@code cfg.kill {nodeId}},
 *       {@code cfg.shutdown}, {@code cfg.blackbox} (the node's recent log events).</li>
 * </ul>
 * A refusal is {@code {"error": "...", "result": "ACCESS|NOT_EXIST|INVALID_PARAM|BAD_HANDLE"}}.
 */
public final class CmapIpcHandler implements IpcHandler {

    /** How long a read or write waits for the actor. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private static final String OPS = "cmap.get, cmap.list, cmap.set, cmap.delete, cmap.track, cmap.poll, cmap.untrack, "
            + "cfg.reload, cfg.kill, cfg.shutdown, cfg.blackbox";

    private final Cmap cmap;
    private final int nodeId;

    /** The handler of node {@code nodeId}'s service, through {@code cmap}. */
    public CmapIpcHandler(Cmap cmap, int nodeId) {
        this.cmap = cmap;
        this.nodeId = nodeId;
    }

    @Override
    public JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        RequestFields f = new RequestFields(op, request);
        return switch (op) {
            case "cmap.get" -> get(op, f.text("key"));
            case "cmap.list" -> call(op, cmap.list(f.optionalText("prefix", "")), this::listed, WAIT);
            case "cmap.set" -> call(op, cmap.set(f.text("key"), value(op, f)), done -> ok(), WAIT);
            case "cmap.delete" -> call(op, cmap.delete(f.text("key")), done -> ok(), WAIT);
            case "cmap.track" -> call(op, cmap.trackPolled(f.text("key"), f.bool("prefix", false), kinds(op, request)),
                    id -> ok().put("trackId", id), WAIT);
            case "cmap.poll" -> poll(op, f);
            case "cmap.untrack" -> call(op, cmap.untrack(f.number("trackId")), done -> ok(), WAIT);
            case "cfg.reload" -> call(op, cmap.reload(), CmapIpcHandler::outcome, CmapActor.CLUSTER_OP_TIMEOUT.plusSeconds(2));
            case "cfg.kill" -> call(op, cmap.kill(nodeIdField(f)), text -> ok().put("message", text),
                    CmapActor.CLUSTER_OP_TIMEOUT.plusSeconds(2));
            case "cfg.shutdown" -> call(op, cmap.shutdown(), text -> ok().put("message", text), WAIT);
            case "cfg.blackbox" -> blackbox();
            default -> throw new IpcProtocolException("unknown op \"" + op + "\" (cmap and cfg ops: " + OPS + ")");
        };
    }

    private JsonNode get(String op, String key) throws IpcProtocolException {
        return call(op, cmap.get(key), value -> CmapJson.entry(key, value), WAIT);
    }

    private static CmapValue value(String op, RequestFields f) throws IpcProtocolException {
        String typeWord = f.text("type");
        CmapType type = CmapType.of(typeWord).orElseThrow(() -> new IpcProtocolException(op + ": unknown type \""
                + typeWord + "\" (types: " + CmapType.words() + ")"));
        try {
            return CmapValue.parse(type, f.text("value"));
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException(op + ": " + e.getMessage());
        }
    }

    private static Set<CmapEvent.Kind> kinds(String op, JsonNode request) throws IpcProtocolException {
        JsonNode events = request.get("events");
        if (events == null || events.isNull()) {
            return EnumSet.allOf(CmapEvent.Kind.class);
        }
        Set<CmapEvent.Kind> kinds = EnumSet.noneOf(CmapEvent.Kind.class);
        for (JsonNode event : events) {
            String word = event.asText().toLowerCase(Locale.ROOT);
            kinds.add(EnumSet.allOf(CmapEvent.Kind.class).stream().filter(k -> k.word().equals(word)).findFirst()
                    .orElseThrow(() -> new IpcProtocolException(op + ": unknown event \"" + event.asText()
                            + "\" (events: create, modify, delete)")));
        }
        if (!events.isArray() || kinds.isEmpty()) {
            throw new IpcProtocolException(op + ": field \"events\" must be a non-empty list of create, modify, delete");
        }
        return kinds;
    }

    private static int nodeIdField(RequestFields f) throws IpcProtocolException {
        long id = f.number("nodeId");
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw new IpcProtocolException("cfg.kill: field \"nodeId\" must be 1.." + Integer.MAX_VALUE);
        }
        return (int) id;
    }

    private JsonNode poll(String op, RequestFields f) throws IpcProtocolException {
        long waitMs = Math.max(0, Math.min(f.optionalNumber("waitMs").orElse(0), CmapActor.MAX_POLL_WAIT.toMillis()));
        return call(op, cmap.poll(f.number("trackId"), Duration.ofMillis(waitMs)), polled -> {
            ObjectNode reply = ok().put("dropped", polled.dropped());
            ArrayNode events = reply.putArray("events");
            polled.events().forEach(event -> events.add(CmapJson.event(event)));
            return reply;
        }, WAIT.plusMillis(waitMs));
    }

    private JsonNode listed(Map<String, CmapValue> entries) {
        ObjectNode reply = ok().put("nodeId", nodeId);
        ArrayNode array = reply.putArray("entries");
        entries.forEach((key, value) -> array.add(CmapJson.entry(key, value)));
        return reply;
    }

    private static JsonNode outcome(ReloadOutcome outcome) {
        ObjectNode reply = ok().put("committed", outcome.committed()).put("reason", outcome.reason());
        ArrayNode nodes = reply.putArray("nodes");
        for (ReloadVerdict verdict : outcome.verdicts()) {
            ObjectNode node = nodes.addObject().put("nodeId", verdict.nodeId()).put("valid", verdict.valid());
            verdict.applied().forEach(node.putArray("applied")::add);
            verdict.restart().forEach(node.putArray("restart")::add);
            verdict.problems().forEach(node.putArray("problems")::add);
        }
        return reply;
    }

    private JsonNode blackbox() throws IpcProtocolException {
        if (!Blackbox.available()) {
            throw new IpcProtocolException("cfg.blackbox: this node's JVM keeps no blackbox (its logging was not set up "
                    + "by `ringsync node`)");
        }
        ObjectNode reply = ok().put("nodeId", nodeId);
        ArrayNode events = reply.putArray("events");
        for (Blackbox.Entry entry : Blackbox.entries("node" + nodeId)) {
            events.addObject().put("timeMs", entry.timeMs()).put("level", entry.level()).put("node", entry.node())
                    .put("logger", entry.logger()).put("message", entry.message()).put("line", entry.line());
        }
        return reply;
    }

    private static ObjectNode ok() {
        return Json.object().put("result", "OK");
    }

    /** Waits for {@code stage}; a refusal becomes its error line and code. */
    private static <T> JsonNode call(String op, CompletionStage<T> stage, Function<T, JsonNode> reply, Duration wait)
            throws IpcProtocolException {
        try {
            return reply.apply(stage.toCompletableFuture().get(wait.toMillis() + 500, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CmapException refused) {
                return Json.object().put("error", refused.getMessage()).put("result", refused.error().name());
            }
            throw new IpcProtocolException(op + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IpcProtocolException(op + ": no answer within " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException(op + ": interrupted");
        }
    }
}
