package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.FileModes;
import io.ringsync.node.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The node's local IPC endpoint: a Unix-domain socket served by one daemon accept thread and
 * one short-lived daemon thread per connection, at most {@link #MAX_CONNECTIONS} at a time.
 * Each request is a frame ({@link IpcFrames}) holding a JSON object with a string {@code op};
 * each reply is a frame holding the handler's JSON or {@code {"error": "..."}}. A broken
 * request gets an error reply and never stops the server; a client that vanishes is dropped.
 * Every connection first passes the {@link IpcGate}: a client whose uid and gid the
 * {@link IpcAccess} does not allow is answered "access denied" and closed at once, without
 * taking a connection slot or a thread.
 */
public final class IpcServer implements AutoCloseable {

    /** Concurrent connections served; further clients get an error reply and are closed. */
    public static final int MAX_CONNECTIONS = 16;
    /** How long a connection may stay silent before it is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(IpcServer.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final IpcHandler handler;
    private final String nodeLabel;
    private final IpcGate gate;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private IpcServer(Path path, ServerSocketChannel server, IpcHandler handler, String nodeLabel, IpcGate gate) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.nodeLabel = nodeLabel;
        this.gate = gate;
        this.acceptor = new Thread(this::acceptLoop, "ringsync-ipc-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code path} (replacing a stale socket file), sets its mode, e.g. {@code 0600},
     * and starts accepting the clients {@code access} allows, counting them in {@code counters}.
     * {@code nodeLabel} tags the server's log lines, e.g. "node1". The socket exists at the
     * process umask until its mode is set; its directory (the run directory, 0700 unless other
     * users are allowed) is what keeps others out meanwhile, and the credential check refuses
     * any client that gets through.
     */
    public static IpcServer start(Path path, int mode, IpcHandler handler, String nodeLabel, IpcAccess access,
                                  IpcCounters counters) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, FileModes.permissions(mode));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        IpcServer ipc = new IpcServer(path, server, handler, nodeLabel, new IpcGate(access, counters));
        ipc.acceptor.start();
        log.info("IPC endpoint listening on {} (mode {}; allowed: {})", path, String.format("%04o", mode), access);
        return ipc;
    }

    /** The socket path. */
    public Path path() {
        return path;
    }

    private void acceptLoop() {
        MDC.put("node", nodeLabel);
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                dispatch(client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("IPC accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void dispatch(SocketChannel client) {
        Optional<JsonNode> refusal = gate.check(client);
        if (refusal.isPresent()) {
            replyQuietly(client, refusal.get());
            ChannelWatchdog.closeQuietly(client);
            return;
        }
        if (!slots.tryAcquire()) {
            log.warn("IPC: refusing a client, {} connections already open", MAX_CONNECTIONS);
            replyQuietly(client, IpcRequests.error("too many concurrent connections (limit " + MAX_CONNECTIONS + ")"));
            ChannelWatchdog.closeQuietly(client);
            return;
        }
        clients.add(client);
        Thread thread = new Thread(() -> serve(client), "ringsync-ipc-conn-" + connectionCount.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(SocketChannel client) {
        MDC.put("node", nodeLabel);
        IpcConnection connection = new IpcConnection(client, nodeLabel);
        try {
            boolean open = true;
            while (open && !closed) {
                open = serveOne(client, connection);
            }
        } finally {
            clients.remove(client);
            connection.close();
            slots.release();
        }
    }

    /**
     * Reads and answers one request; false when the connection is finished. A streaming
     * connection ({@link IpcConnection#stream}) has no idle timeout and its own request limit.
     */
    private boolean serveOne(SocketChannel client, IpcConnection connection) {
        Optional<byte[]> request;
        ChannelWatchdog.Deadline deadline = connection.streaming() ? null : ChannelWatchdog.arm(client, IDLE_TIMEOUT);
        try {
            request = IpcFrames.read(client, connection.maxRequestBytes(), "request");
        } catch (IpcProtocolException e) {
            log.debug("IPC: bad frame: {}", e.getMessage());
            replyQuietly(connection, IpcRequests.error(e.getMessage()));
            return false;
        } catch (IOException e) {
            log.debug("IPC: client dropped{}: {}", deadline != null && deadline.expired() ? " after idling" : "",
                    e.toString());
            return false;
        } finally {
            if (deadline != null) {
                deadline.close();
            }
        }
        if (request.isEmpty()) {
            return false;
        }
        return replyQuietly(connection, IpcRequests.answer(handler, request.get(), connection));
    }

    /** Sends a reply on a connection (between pushed frames); false when the client is gone. */
    private static boolean replyQuietly(IpcConnection connection, JsonNode reply) {
        try {
            connection.write(Json.mapper().writeValueAsBytes(reply));
            return true;
        } catch (IOException e) {
            log.debug("IPC: could not reply, client gone: {}", e.toString());
            return false;
        }
    }

    /** Sends a reply; false when the client is gone. */
    private static boolean replyQuietly(SocketChannel client, JsonNode reply) {
        ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(client, IDLE_TIMEOUT);
        try {
            IpcFrames.write(client, Json.mapper().writeValueAsBytes(reply), IpcFrames.MAX_REPLY_BYTES);
            return true;
        } catch (IOException e) {
            log.debug("IPC: could not reply, client gone: {}", e.toString());
            return false;
        } finally {
            deadline.close();
        }
    }

    /** Stops accepting, closes open connections and removes the socket file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ChannelWatchdog.closeQuietly(server);
        clients.forEach(ChannelWatchdog::closeQuietly);
        gate.close();
        try {
            acceptor.join(Duration.ofSeconds(2).toMillis());
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("IPC: could not remove socket {}: {}", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("IPC endpoint on {} closed", path);
    }
}
