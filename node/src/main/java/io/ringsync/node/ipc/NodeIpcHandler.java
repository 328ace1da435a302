package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The node's IPC operations: {@code ping} (is the node alive) and {@code status} (the link
 * The node's IPC operations: {@code ping} (is the node alive) and {@code status} (the link
 * status report, as {@code corosync-cfgtool -s} shows it, with a {@value #TOTEM} member holding
 * the {@link TotemStatus}, or null when Totem did not answer in time, e.g. while it restarts,
 * and the IPC endpoint's own counters under {@code ipcCounters}).
 */
public final class NodeIpcHandler implements IpcConnectionHandler {

    /** Operation names. */
    public static final String PING = "ping";
    /** Operation names. */
    public static final String STATUS = "status";

    /** The status reply's member holding the Totem status. */
    public static final String TOTEM = "totem";

    /** How long a status request waits for the link monitor (and, at the same time, for Totem). */
    public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private final int nodeId;
    private final String clusterName;
    private final Supplier<CompletionStage<LinkStatusReport>> linkStatus;
    private final Supplier<CompletionStage<TotemStatus>> totemStatus;
    private final Supplier<Map<String, Long>> ipcCounters;
    private final Map<String, IpcHandler> services;

    /**
     * {@code linkStatus} asks the link monitor (see {@code RingsyncNode#linkStatus()}),
     * {@code totemStatus} Totem; {@code ipcCounters} are reported in each status.
     */
    public NodeIpcHandler(int nodeId, String clusterName, Supplier<CompletionStage<LinkStatusReport>> linkStatus,
                          Supplier<CompletionStage<TotemStatus>> totemStatus, Supplier<Map<String, Long>> ipcCounters) {
        this(nodeId, clusterName, linkStatus, totemStatus, ipcCounters, Map.of());
    }

    /**
     * As the other constructor; an operation {@code <prefix>.<op>} goes to the handler of that
     * prefix in {@code services} (e.g. {@code quorum.status} to the quorum service's handler).
     */
    public NodeIpcHandler(int nodeId, String clusterName, Supplier<CompletionStage<LinkStatusReport>> linkStatus,
                          Supplier<CompletionStage<TotemStatus>> totemStatus, Supplier<Map<String, Long>> ipcCounters,
                          Map<String, IpcHandler> services) {
        this.nodeId = nodeId;
        this.clusterName = clusterName;
        this.linkStatus = linkStatus;
        this.totemStatus = totemStatus;
        this.ipcCounters = ipcCounters;
        this.services = Map.copyOf(services);
    }

    @Override
    public JsonNode handle(String op, JsonNode request, IpcConnection connection) throws IpcProtocolException {
        int dot = op.indexOf('.');
        if (dot > 0) {
            IpcHandler service = services.get(op.substring(0, dot));
            if (service == null) {
                throw new IpcProtocolException("unknown service \"" + op.substring(0, dot) + "\" in op \"" + op
                        + "\" (this node runs: " + (services.isEmpty() ? "none" : String.join(", ", services.keySet())) + ")");
            }
            return service instanceof IpcConnectionHandler withConnection
                    ? withConnection.handle(op, request, connection) : service.handle(op, request);
        }
        return switch (op) {
            case PING -> Json.object().put("pong", true).put("nodeId", nodeId).put("clusterName", clusterName);
            case STATUS -> status();
            default -> throw new IpcProtocolException("unknown op \"" + op + "\" (known: ping, status)");
        };
    }

    /** The link report with the Totem status beside it; both asked at once. */
    private JsonNode status() throws IpcProtocolException {
        CompletionStage<TotemStatus> totem = totemStatus.get();
        ObjectNode reply = (ObjectNode) Json.toTree(awaitStatus());
        reply.set("ipcCounters", Json.toTree(ipcCounters.get()));
        try {
            reply.set(TOTEM, Json.toTree(totem.toCompletableFuture().get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException | ExecutionException e) {
            reply.putNull(TOTEM);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException("status request interrupted");
        }
        return reply;
    }

    private LinkStatusReport awaitStatus() throws IpcProtocolException {
        try {
            return linkStatus.get().toCompletableFuture().get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IpcProtocolException("the link monitor did not answer within " + STATUS_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IpcProtocolException("status unavailable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcProtocolException("status request interrupted");
        }
    }
}
