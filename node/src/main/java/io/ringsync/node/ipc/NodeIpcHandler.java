package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.protocol.link.LinkStatusReport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The node's IPC operations: {@code ping} (is the node alive) and {@code status} (the link
 * status report, as {@code corosync-cfgtool -s} shows it, with the IPC endpoint's own
 * counters under {@code ipcCounters}).
 */
public final class NodeIpcHandler implements IpcHandler {

    /** Operation names. */
    public static final String PING = "ping";
    /** Operation names. */
    public static final String STATUS = "status";

    /** How long a status request waits for the link monitor. */
    public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private final int nodeId;
    private final String clusterName;
    private final Supplier<CompletionStage<LinkStatusReport>> linkStatus;
    private final Supplier<Map<String, Long>> ipcCounters;

    /** {@code linkStatus} asks the link monitor (see {@code RingsyncNode#linkStatus()}); no IPC counters. */
    public NodeIpcHandler(int nodeId, String clusterName, Supplier<CompletionStage<LinkStatusReport>> linkStatus) {
        this(nodeId, clusterName, linkStatus, Map::of);
    }

    /** As {@link #NodeIpcHandler(int, String, Supplier)}, reporting {@code ipcCounters} in each status. */
    public NodeIpcHandler(int nodeId, String clusterName, Supplier<CompletionStage<LinkStatusReport>> linkStatus,
                          Supplier<Map<String, Long>> ipcCounters) {
        this.nodeId = nodeId;
        this.clusterName = clusterName;
        this.linkStatus = linkStatus;
        this.ipcCounters = ipcCounters;
    }

    @Override
    public JsonNode handle(String op, JsonNode request) throws IpcProtocolException {
        return switch (op) {
            case PING -> Json.object().put("pong", true).put("nodeId", nodeId).put("clusterName", clusterName);
            case STATUS -> ((ObjectNode) Json.toTree(awaitStatus())).set("ipcCounters", Json.toTree(ipcCounters.get()));
            default -> throw new IpcProtocolException("unknown op \"" + op + "\" (known: ping, status)");
        };
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
