package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.cpg.CpgException;
import io.ringsync.cpg.CpgFlowControl;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.IpcFrames;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.protocol.totem.Delivery;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPG for a process outside the node's JVM, over the node's IPC socket (Corosync's libcpg, one
 * connection for all of this process's memberships). Requests are synchronous and answer a
 * {@link CpgResult} as the embedded API does; events arrive as pushed frames, read by a daemon
 * thread into a bounded queue that {@link #nextEvent} drains (Corosync's cpg_dispatch). A process
 * that stops draining stops reading its socket, and the node disconnects it once its own queue
 * is full: its memberships then leave with PROCDOWN, as they do when this process exits or
 * {@link #close}s without leaving. The events of all of this client's groups come in the one
 * total order across them, as every node delivers them. Thread-safe: one request at a time.
 */
public final class CpgClient implements AutoCloseable {

    /** Events read but not yet taken by {@link #nextEvent}. */
    public static final int MAX_BUFFERED_EVENTS = 8192;

    private static final Logger log = LoggerFactory.getLogger(CpgClient.class);
    private static final JsonNode CLOSED = Json.object().put("error", "the node closed the connection");

    private final IpcClient ipc;
    private final SocketChannel channel;
    private final Duration timeout;
    private final long pid;
    private final BlockingQueue<CpgNotification> events = new ArrayBlockingQueue<>(MAX_BUFFERED_EVENTS);
    private final SynchronousQueue<JsonNode> replies = new SynchronousQueue<>();
    private final Thread reader;
    private volatile boolean closed;

    private CpgClient(IpcClient ipc, Duration timeout, long pid) {
        this.ipc = ipc;
        this.channel = ipc.channel();
        this.timeout = timeout;
        this.pid = pid;
        this.reader = new Thread(this::readLoop, "ringsync-cpg-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to the node at {@code socket} as this process (its pid). */
    public static CpgClient connect(Path socket) throws IOException {
        return connect(socket, IpcClient.DEFAULT_TIMEOUT.plusSeconds(10), ProcessHandle.current().pid());
    }

    /** Connects as process {@code pid}; requests wait at most {@code timeout} for their answer. */
    public static CpgClient connect(Path socket, Duration timeout, long pid) throws IOException {
        return new CpgClient(IpcClient.connect(socket, timeout), timeout, pid);
    }

    /** The pid this client joins as. */
    public long pid() {
        return pid;
    }

    /** Joins {@code group}; with {@code initialTotemConf} the current ring comes first as an event. */
    public CpgResult join(String group, boolean initialTotemConf) throws IOException {
        return result(request("cpg.join").put("group", group).put("pid", pid).put("initialTotemConf", initialTotemConf));
    }

    /** Leaves {@code group}. */
    public CpgResult leave(String group) throws IOException {
        return result(request("cpg.leave").put("group", group).put("pid", pid));
    }

    /** Multicasts {@code payload} to {@code group}; TRY_AGAIN when the node's queue is full or a sync round runs. */
    public CpgResult mcast(String group, Delivery delivery, byte[] payload) throws IOException {
        return result(request("cpg.mcast").put("group", group).put("pid", pid)
                .put("guarantee", delivery.name().toLowerCase(Locale.ROOT))
                .put("data", Base64.getEncoder().encodeToString(payload)));
    }

    /**
     * Whether a multicast of this client to {@code group} would be held back now (Corosync's
     * cpg_flow_control_state_get, {@link CpgFlowControl}); a {@link CpgException} of NOT_EXIST
     * when this client is no member of {@code group}.
     */
    public CpgFlowControl flowControlState(String group) throws IOException {
        JsonNode reply = send(request("cpg.flowcontrol").put("group", group).put("pid", pid));
        CpgResult result = resultOf(reply, "cpg.flowcontrol");
        if (result != CpgResult.OK) {
            throw new CpgException("flow control state of \"" + group + "\"", result);
        }
        try {
            return CpgFlowControl.valueOf(reply.path("flowControl").asText());
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException("unexpected reply to cpg.flowcontrol: " + reply);
        }
    }

    /** The id of the node this client is connected to. */
    public int localNodeId() throws IOException {
        return send(request("cpg.local")).path("nodeId").asInt();
    }

    /** Every group and its members. */
    public List<CpgGroupMembers> groups() throws IOException {
        return CpgJson.groupsOf(send(request("cpg.list")));
    }

    /** The next event, waiting at most {@code wait}; empty when none came (or the connection is closed). */
    public Optional<CpgNotification> nextEvent(Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** True once the connection is closed (by {@link #close} or by the node). */
    public boolean closed() {
        return closed;
    }

    /** Closes the connection: memberships not left leave with PROCDOWN. */
    @Override
    public void close() {
        closed = true;
        ipc.close();
    }

    private static ObjectNode request(String op) {
        return Json.object().put("op", op);
    }

    private CpgResult result(ObjectNode request) throws IOException {
        return resultOf(send(request), request.path("op").asText());
    }

    private static CpgResult resultOf(JsonNode reply, String op) throws IpcProtocolException {
        try {
            return CpgResult.valueOf(reply.path("result").asText());
        } catch (IllegalArgumentException e) {
            throw new IpcProtocolException("unexpected reply to " + op + ": " + reply);
        }
    }

    /** Sends one request and waits for its reply; an error reply becomes an {@link IpcProtocolException}. */
    private synchronized JsonNode send(ObjectNode request) throws IOException {
        if (closed) {
            throw new IOException("the CPG client is closed");
        }
        IpcFrames.write(channel, Json.mapper().writeValueAsBytes(request), CpgIpcHandler.MAX_STREAM_FRAME_BYTES);
        JsonNode reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the node");
        }
        if (reply == null) {
            throw new IOException("no reply from the node within " + timeout.toMillis() + " ms");
        }
        if (reply.has("error")) {
            throw new IpcProtocolException(reply.get("error").asText());
        }
        return reply;
    }

    /** Reads frames until the connection ends: events to the queue, replies to the waiting request. */
    private void readLoop() {
        try {
            while (true) {
                Optional<byte[]> frame = IpcFrames.read(channel, CpgIpcHandler.MAX_STREAM_FRAME_BYTES, "frame");
                if (frame.isEmpty()) {
                    break;
                }
                JsonNode node = Json.mapper().readTree(frame.get());
                if (node.has(CpgJson.EVENT)) {
                    events.put(CpgJson.notification(node));
                } else {
                    replies.offer(node, timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("CPG client connection ended: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            replies.offer(CLOSED);
        }
    }
}
