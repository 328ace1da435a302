package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of a node's IPC endpoint: one connection, requests answered in order, each
 * bounded by a timeout. Used by the CLI and by tests.
 */
public final class IpcClient implements AutoCloseable {

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
     */
    public static IpcClient connect(Path socket, Duration timeout) throws IOException {
        if (!Files.exists(socket)) {
            throw new NodeNotRunningException(socket, "no such socket");
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
     * @throws IOException on timeout, when the node closes the connection, or on a bad frame
     */
    public JsonNode request(JsonNode request) throws IOException {
        return Json.mapper().readTree(exchange(Json.mapper().writeValueAsBytes(request)));
    }

    /** Sends raw bytes as one frame and returns the raw reply body (tests send broken requests). */
    public byte[] exchange(byte[] body) throws IOException {
        try (ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(channel, timeout)) {
            IpcFrames.write(channel, body, Integer.MAX_VALUE);
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

    /** The underlying channel, for tests that write partial frames. */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        ChannelWatchdog.closeQuietly(channel);
    }
}
