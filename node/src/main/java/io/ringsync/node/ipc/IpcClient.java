package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of a node's IPC endpoint: one connection, requests answered in order, each
 * bounded by a timeout. Used by the CLI and by tests.
 */
public final class IpcClient implements AutoCloseable {

    /** The message of a connect refused by the socket's or its directory's permissions. */
    private static final String PERMISSION_DENIED = "Permission denied";

    /** The default timeout of a connect or a request (the node's own asks take up to 5 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final Duration timeout;

    private IpcClient(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    /**
     * Connects to the node at {@code socket}.
     *
     * @throws NodeNotRunningException when there is no socket file or nobody listens on it
     * @throws IpcAccessDeniedException when the socket or its directory does not let this user in
     */
    public static IpcClient connect(Path socket, Duration timeout) throws IOException {
        try {
            Files.readAttributes(socket, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NodeNotRunningException(socket, "no such socket");
        } catch (AccessDeniedException e) {
            throw IpcAccessDeniedException.unreachable(socket);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(channel, timeout);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            channel.close();
            throw new NodeNotRunningException(socket, "connection refused");
        } catch (SocketException e) {
            channel.close();
            if (PERMISSION_DENIED.equals(e.getMessage())) {
                throw IpcAccessDeniedException.unreachable(socket);
            }
            throw new NodeNotRunningException(socket, e.getMessage());
        } catch (IOException e) {
            channel.close();
            throw e;
        } finally {
            deadline.close();
        }
        return new IpcClient(channel, timeout);
    }

    /** Sends {@code {"op": op}} and returns the reply. */
    public JsonNode request(String op) throws IOException {
        return request(Json.object().put("op", op));
    }

    /**
     * Sends a request and returns the reply as it came, which may be {@code {"error": ...}}.
     *
     * @throws IpcAccessDeniedException when the node refused this client
     * @throws IOException on timeout, when the node closes the connection, or on a bad frame
     */
    public JsonNode request(JsonNode request) throws IOException {
        JsonNode reply = Json.mapper().readTree(exchange(Json.mapper().writeValueAsBytes(request)));
        if (IpcGate.ACCESS_DENIED.equals(reply.path("code").asText())) {
            throw new IpcAccessDeniedException(reply.path("error").asText("access denied"));
        }
        return reply;
    }

    /**
     * Sends raw bytes as one frame and returns the raw reply body (tests send broken requests).
     * A node that refuses a client replies and closes at once, so the request may meet a
     * closed socket: the reply it left is still read.
     */
    public byte[] exchange(byte[] body) throws IOException {
        try (ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(channel, timeout)) {
            try {
                IpcFrames.write(channel, body, Integer.MAX_VALUE);
            } catch (IOException e) {
                if (deadline.expired() || !channel.isOpen()) {
                    throw e;
                }
                return readReply(deadline).orElseThrow(() -> e);
            }
            Optional<byte[]> reply = readReply(deadline);
            return reply.orElseThrow(() -> new IOException("the node closed the connection without a reply"));
        }
    }

    /** Reads one reply frame, turning a watchdog close into a timeout message. */
    public Optional<byte[]> readReply() throws IOException {
        try (ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(channel, timeout)) {
            return readReply(deadline);
        }
    }

    private Optional<byte[]> readReply(ChannelWatchdog.Deadline deadline) throws IOException {
        try {
            return IpcFrames.read(channel, IpcFrames.MAX_REPLY_BYTES, "reply");
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new IOException("no reply within " + timeout.toMillis() + " ms");
            }
            throw e;
        }
    }

    /** The underlying channel, for streaming clients (CPG) and for tests that write partial frames. */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        ChannelWatchdog.closeQuietly(channel);
    }
}
