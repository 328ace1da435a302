package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgException;
import io.ringsync.cpg.CpgFlowControl;
import io.ringsync.cpg.CpgGroupHandle;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgListener;
import io.ringsync.cpg.CpgResult;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcConnection;
import io.ringsync.node.ipc.IpcProtocolException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPG memberships of one IPC client connection (Corosync's per-connection cpd). Every join
 * of the connection shares one {@link CpgListener} that pushes the events to the connection, so
 * the client receives the events of all its groups in the one total order across them, as an
 * embedded listener does. Leave, mcast and the flow control state name a membership of this
 * connection, else NOT_EXIST. Closing the session (the connection ended) stops the listener, so
 * memberships still joined leave with PROCDOWN.
 */
final class CpgIpcSession {

    private final Cpg cpg;
    private final CpgListener listener;
    private final Map<CpgHandle, CpgGroupHandle> joined = new ConcurrentHashMap<>();

    CpgIpcSession(Cpg cpg, IpcConnection connection) {
        this.cpg = cpg;
        this.listener = cpg.listener(notification -> connection.push(CpgJson.event(notification)));
    }

    JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        CpgHandle handle = handle(request, op);
        if (op.equals("cpg.flowcontrol")) {
            return flowControl(handle);
        }
        CpgResult result = switch (op) {
            case "cpg.join" -> join(handle, request.path("initialTotemConf").asBoolean(false));
            case "cpg.leave" -> leave(handle);
            default -> mcast(handle, request, op);
        };
        return Json.object().put("result", result.name());
    }

    private static CpgHandle handle(JsonNode request, String op) throws IpcProtocolException {
        String group = CpgRequests.text(request, op, "group");
        long pid = CpgRequests.pid(request, op);
        try {
            return new CpgHandle(group, pid);
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException(op + ": " + e.getMessage());
        }
    }

    private CpgResult join(CpgHandle handle, boolean initialTotemConf) {
        if (joined.containsKey(handle)) {
            return CpgResult.EXIST;
        }
        CompletableFuture<CpgGroupHandle> joining =
                cpg.join(handle.group(), handle.pid(), initialTotemConf, listener).toCompletableFuture();
        CpgResult result = CpgIpcHandler.resultOf(joining);
        if (result == CpgResult.OK) {
            joined.put(handle, joining.join());
        }
        return result;
    }

    private CpgResult leave(CpgHandle handle) {
        CpgGroupHandle groupHandle = joined.get(handle);
        if (groupHandle == null) {
            return CpgResult.NOT_EXIST;
        }
        CpgResult result = CpgIpcHandler.resultOf(groupHandle.leave());
        if (result == CpgResult.OK) {
            joined.remove(handle);
        }
        return result;
    }

    private CpgResult mcast(CpgHandle handle, JsonNode request, String op) throws IpcProtocolException {
        CpgGroupHandle groupHandle = joined.get(handle);
        if (groupHandle == null) {
            return CpgResult.NOT_EXIST;
        }
        return CpgIpcHandler.resultOf(groupHandle.mcast(CpgRequests.guarantee(request, op), CpgRequests.data(request, op)));
    }

    /** {@code {"result": "OK", "flowControl": "<CpgFlowControl>"}}, or the result alone when it is not OK. */
    private JsonNode flowControl(CpgHandle handle) {
        CpgGroupHandle groupHandle = joined.get(handle);
        CompletableFuture<CpgFlowControl> state = groupHandle == null
                ? CompletableFuture.failedFuture(new CpgException("flow control state of " + handle, CpgResult.NOT_EXIST))
                : groupHandle.flowControlState().toCompletableFuture();
        CpgResult result = CpgIpcHandler.resultOf(state);
        ObjectNode reply = Json.object().put("result", result.name());
        if (result == CpgResult.OK) {
            reply.put("flowControl", state.join().name());
        }
        return reply;
    }

    /** The connection ended: the listener stops, so memberships still joined leave with PROCDOWN. */
    void close() {
        listener.close();
        joined.clear();
    }
}
