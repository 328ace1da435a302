package io.ringsync.node.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgActor;
import io.ringsync.cpg.CpgException;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgStatus;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcConnection;
import io.ringsync.node.ipc.IpcConnectionHandler;
import io.ringsync.node.ipc.IpcProtocolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node's CPG operations over IPC. Queries: {@code cpg.list} (every group and its members,
 * {@link CpgJson#groups}), {@code cpg.membership} ({@code group}), {@code cpg.local} (this node's
 * id) and {@code cpg.status}. Membership, tied to the client's connection ({@link CpgIpcSession}):
 * {@code cpg.join} ({@code group}, {@code pid}, optional {@code initialTotemConf}) makes the
 * connection a stream of event frames ({@link CpgJson#event}); {@code cpg.mcast} ({@code group},
 * {@code pid}, {@code guarantee} "agreed" or "safe", base64 {@code data}) and {@code cpg.leave}
 * ({@code group}, {@code pid}) act on the connection's own memberships only. They answer
 * {@code {"result": "<CpgResult>"}}; {@code cpg.flowcontrol} ({@code group}, {@code pid}) answers
 * it with, when OK, {@code "flowControl": "DISABLED"|"ENABLED"} (Corosync's
 * cpg_flow_control_state_get, {@link io.ringsync.cpg.CpgFlowControl}). The events of all of a
 * connection's groups come in the one total order across them. When the connection closes, its
 * memberships still joined leave with PROCDOWN. A request with a missing or wrong field gets an
 * error naming it.
 */
public final class CpgIpcHandler implements IpcConnectionHandler {

    /** The largest frame of a CPG stream, both ways: a 1 MiB payload in base64 with its JSON. */
    public static final int MAX_STREAM_FRAME_BYTES = 2 * 1024 * 1024;

    private final Cpg cpg;
    private final ActorRef<CpgActor.Command> actor;
    private final ActorSystem<?> system;
    private final Map<IpcConnection, CpgIpcSession> sessions = new ConcurrentHashMap<>();

    /** Operations on the CPG actor {@code actor} of {@code system}. */
    public CpgIpcHandler(ActorRef<CpgActor.Command> actor, ActorSystem<?> system) {
        this.cpg = Cpg.of(actor, system);
        this.actor = actor;
        this.system = system;
    }

    @Override
    public JsonNode handle(String op, JsonNode request, IpcConnection connection) throws IpcProtocolException {
        return switch (op) {
            case "cpg.list" -> CpgJson.groups(await(cpg.groups(), op));
            case "cpg.membership" -> membership(request, op);
            case "cpg.local" -> Json.object().put("nodeId", await(cpg.localNodeId(), op));
            case "cpg.status" -> status(op);
            case "cpg.join", "cpg.leave", "cpg.mcast", "cpg.flowcontrol" -> session(op, connection).handle(op, request);
            default -> throw new IpcProtocolException("unknown op \"" + op + "\" (known: cpg.list, cpg.membership,"
                    + " cpg.local, cpg.status, cpg.join, cpg.leave, cpg.mcast, cpg.flowcontrol)");
        };
    }

    private JsonNode membership(JsonNode request, String op) throws IpcProtocolException {
        String group = CpgRequests.text(request, op, "group");
        return CpgJson.groups(List.of(new CpgGroupMembers(group, await(cpg.membership(group), op))));
    }

    private CpgIpcSession session(String op, IpcConnection connection) throws IpcProtocolException {
        if (connection == null) {
            throw new IpcProtocolException(op + " needs a client connection");
        }
        return sessions.computeIfAbsent(connection, c -> {
            CpgIpcSession session = new CpgIpcSession(cpg, c);
            c.stream(MAX_STREAM_FRAME_BYTES);
            c.onClose(() -> sessions.remove(c).close());
            return session;
        });
    }

    private JsonNode status(String op) throws IpcProtocolException {
        CompletionStage<CpgStatus> status = AskPattern.ask(actor, CpgActor.GetStatus::new,
                Cpg.DEFAULT_TIMEOUT, system.scheduler());
        CpgStatus s = await(status, op);
        ObjectNode reply = (ObjectNode) Json.toTree(s);
        reply.put("ringId", s.ringId().map(Object::toString).orElse(null));
        return reply;
    }

    /** The stage's value; a CPG failure or a timeout is an error reply naming {@code op}. */
    static <T> T await(CompletionStage<T> stage, String op) throws IpcProtocolException {
        try {
            return stage.toCompletableFuture().get(Cpg.DEFAULT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IpcProtocolException(op + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IpcProtocolException(op + ": the CPG service did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException(op + ": interrupted");
        }
    }

    /** The {@link CpgResult} of a stage of the {@link Cpg} API: OK, the failure's result, or TIMEOUT. */
    static CpgResult resultOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(Cpg.DEFAULT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return CpgResult.OK;
        } catch (ExecutionException e) {
            return e.getCause() instanceof CpgException cpg ? cpg.result() : CpgResult.TIMEOUT;
        } catch (TimeoutException e) {
            return CpgResult.TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CpgResult.TIMEOUT;
        }
    }
}
