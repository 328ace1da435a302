package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgGroupHandle;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgResult;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcConnection;
import io.ringsync.node.ipc.IpcProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPG memberships of one IPC client connection (Corosync's per-connection cpd). Each join
 * gets a listener that pushes its events to the connection; leave and mcast name a membership
 * of this connection, else NOT_EXIST. Closing the session (the connection ended) ends every
 * listener, so memberships still joined leave with PROCDOWN.
 */
final class CpgIpcSession {

    private final Cpg cpg;
    private final IpcConnection connection;
    private final Map<CpgHandle, CpgGroupHandle> joined = new ConcurrentHashMap<>();
    private final List<CpgGroupHandle> left = new ArrayList<>();

    CpgIpcSession(Cpg cpg, IpcConnection connection) {
        this.cpg = cpg;
        this.connection = connection;
    }

    JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        CpgHandle handle = handle(request, op);
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
        CompletableFuture<CpgGroupHandle> joining = cpg.join(handle.group(), handle.pid(), initialTotemConf,
                notification -> connection.push(CpgJson.event(notification))).toCompletableFuture();
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
            synchronized (left) {
                left.add(groupHandle);
            }
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

    /** The connection ended: every listener stops; memberships still joined leave with PROCDOWN. */
    void close() {
        joined.values().forEach(CpgGroupHandle::close);
        joined.clear();
        synchronized (left) {
            left.forEach(CpgGroupHandle::close);
            left.clear();
        }
    }
}
