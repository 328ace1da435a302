package io.ringsync.node.fault;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import akka.japi.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultPlan;
import io.ringsync.protocol.transport.fault.FaultStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The IPC operations of the transport's fault filter, for multi-process tests (the node's
 * config must set {@code transport.fault_injection = true}; otherwise each is answered with an
 * error saying so):
 * <ul>
 *   <li>{@value #STATUS}: the plan in force and the counters;</li>
 *   <li>{@value #CUT} {@code {"to": [ids], "from": [ids]}}: stop sending to / hearing these
 *       peers, in addition to the cuts in place (both lists for a symmetric partition);</li>
 *   <li>{@value #HEAL}: no cut and no random fault any more;</li>
 *   <li>{@value #DISTURB} {@code {"drop": 0.05, "duplicate": 0, "reorder": 0, "seed": 1}}: lose,
 *       duplicate and reorder these shares (0..1, absent = 0) of the inbound frames, seeded
 *       (absent = 0).</li>
 * </ul>
 * Each answers with the status after it: {@code nodeId}, {@code plan} (cutTo, cutFrom, drop,
 * duplicate, reorder, seed), {@code counters} and {@code summary}, one line for people.
 * Two more make an actor inside the node fail, as a crash would, so that its supervisor restarts
 * it (see {@link KillableActors}):
 * <ul>
 *   <li>{@value #ACTORS}: {@code actors}, each {@code path} and {@code restarts} so far, and the
 *       {@code summary}, one path a line;</li>
 *   <li>{@value #KILL_ACTOR} {@code {"path": "/user/totem"}}: that actor fails; answered with
 *       {@code nodeId}, {@code path} and {@code summary}.</li>
 * </ul>
 */
public final class FaultIpcHandler implements IpcHandler {

    /** The prefix of the operations. */
    public static final String PREFIX = "fault";
    /** The status op. */
    public static final String STATUS = "fault.status";
    /** The cut op. */
    public static final String CUT = "fault.cut";
    /** The heal op. */
    public static final String HEAL = "fault.heal";
    /** The random-fault op. */
    public static final String DISTURB = "fault.disturb";
    /** The op listing the killable actors. */
    public static final String ACTORS = "fault.actors";
    /** The op making an actor fail. */
    public static final String KILL_ACTOR = "fault.kill_actor";
    /** How long a request waits for the transport actor. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ActorRef<TransportActor.Command> transport;
    private final Scheduler scheduler;
    private final int nodeId;
    private final KillableActors killable;

    /** The handler of node {@code nodeId}'s {@code transport} and {@code killable} actors. */
    public FaultIpcHandler(ActorRef<TransportActor.Command> transport, Scheduler scheduler, int nodeId,
                           KillableActors killable) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.nodeId = nodeId;
        this.killable = killable;
    }

    @Override
    public JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        switch (op) {
            case STATUS:
                return toJson(ask(replyTo -> new TransportActor.GetFaults(replyTo)));
            case CUT:
                FaultChange cut = new FaultChange.Cut(ids(op, request, "to"), ids(op, request, "from"));
                return toJson(ask(replyTo -> new TransportActor.ChangeFaults(cut, replyTo)));
            case HEAL:
                return toJson(ask(replyTo -> new TransportActor.ChangeFaults(FaultChange.Heal.INSTANCE, replyTo)));
            case DISTURB:
                FaultChange disturb = new FaultChange.Disturb(share(op, request, "drop"), share(op, request, "duplicate"),
                        share(op, request, "reorder"), seed(op, request));
                return toJson(ask(replyTo -> new TransportActor.ChangeFaults(disturb, replyTo)));
            case ACTORS:
                return actors();
            case KILL_ACTOR:
                return killActor(text(op, request, "path"));
            default:
                throw new IpcProtocolException("unknown op \"" + op + "\" (known: " + STATUS + ", " + CUT + ", " + HEAL
                        + ", " + DISTURB + ", " + ACTORS + ", " + KILL_ACTOR + ")");
        }
    }

    private ObjectNode actors() throws IpcProtocolException {
        List<KillableActors.Killable> actors;
        try {
            actors = killable.list();
        } catch (IllegalStateException e) {
            throw new IpcProtocolException(e.getMessage());
        }
        ObjectNode json = Json.object().put("nodeId", nodeId);
        ArrayNode array = json.putArray("actors");
        actors.forEach(a -> array.addObject().put("path", a.path()).put("restarts", a.restarts()));
        json.put("summary", actors.stream().map(KillableActors.Killable::path).collect(Collectors.joining("\n")));
        return json;
    }

    private ObjectNode killActor(String path) throws IpcProtocolException {
        String killed;
        try {
            killed = killable.kill(path, scheduler);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IpcProtocolException(e.getMessage());
        }
        return Json.object().put("nodeId", nodeId).put("path", killed)
                .put("summary", "node " + nodeId + ": " + killed + " made to fail; its supervisor restarts it");
    }

    /** The status as the ops answer it. */
    private ObjectNode toJson(FaultStatus status) {
        FaultPlan plan = status.plan();
        ObjectNode json = Json.object().put("nodeId", nodeId);
        ObjectNode planJson = json.putObject("plan");
        plan.cutTo().forEach(planJson.putArray("cutTo")::add);
        plan.cutFrom().forEach(planJson.putArray("cutFrom")::add);
        planJson.put("drop", plan.dropShare()).put("duplicate", plan.duplicateShare())
                .put("reorder", plan.reorderShare()).put("seed", plan.seed());
        json.set("counters", Json.toTree(status.counters()));
        json.put("summary", "node " + nodeId + ": " + status.describe());
        return json;
    }

    private FaultStatus ask(Function<ActorRef<TransportActor.FaultReply>, TransportActor.Command> message)
            throws IpcProtocolException {
        TransportActor.FaultReply reply;
        try {
            reply = AskPattern.ask(transport, message, TIMEOUT, scheduler).toCompletableFuture()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IpcProtocolException("the transport did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IpcProtocolException("the transport did not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException("fault request interrupted");
        }
        if (!reply.ok()) {
            throw new IpcProtocolException(reply.refusal());
        }
        return reply.status();
    }

    /** The node ids of array {@code field}, empty when absent. */
    private static Set<Integer> ids(String op, JsonNode request, String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        Set<Integer> ids = new TreeSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (!value.isArray()) {
            throw wrong(op, field, "an array of node ids", value);
        }
        for (JsonNode id : value) {
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                throw wrong(op, field, "an array of node ids", value);
            }
            ids.add(id.intValue());
        }
        return ids;
    }

    /** The number {@code field} (0 when absent); its range is checked by the filter's plan. */
    private static double share(String op, JsonNode request, String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw wrong(op, field, "a number between 0 and 1", value);
        }
        return value.doubleValue();
    }

    /** The non-empty text {@code field}. */
    private static String text(String op, JsonNode request, String field) throws IpcProtocolException {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw wrong(op, field, "an actor path such as /user/totem", value);
        }
        return value.asText();
    }

    private static long seed(String op, JsonNode request) throws IpcProtocolException {
        JsonNode value = request.get("seed");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(op, "seed", "a whole number", value);
        }
        return value.longValue();
    }

    private static IpcProtocolException wrong(String op, String field, String expected, JsonNode got) {
        return new IpcProtocolException(op + ": field \"" + field + "\" must be " + expected + ", got " + got);
    }
}
