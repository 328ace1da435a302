package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcAccessDeniedException;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.NodeNotRunningException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One IPC request from a command: the reply, or empty after one {@code ringsync: <command>: ...}
 * line on {@code err} (node not running, access denied, or the node's error answer).
 */
final class NodeRequest {

    private NodeRequest() {
    }

    /**
     * Sends the argument-less operation {@code op} to the node {@code target} names, with the
     * default timeout; empty after reporting why not (a target whose config file does not load
     * included, as {@link NodeTarget#socketPath} reports it).
     */
    static Optional<JsonNode> send(NodeTarget target, String op, String command, PrintStream err) throws IOException {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        return send(socket.get(), Json.object().put("op", op), IpcClient.DEFAULT_TIMEOUT, command, err);
    }

    /** Sends {@code request} to the node at {@code socket} and returns its reply, or empty after reporting why not. */
    static Optional<JsonNode> send(Path socket, JsonNode request, Duration timeout, String command, PrintStream err)
            throws IOException {
        JsonNode reply;
        try (IpcClient client = IpcClient.connect(socket, timeout)) {
            reply = client.request(request);
        } catch (NodeNotRunningException | IpcAccessDeniedException e) {
            err.println("ringsync: " + command + ": " + e.getMessage());
            return Optional.empty();
        }
        if (reply.has("error")) {
            err.println("ringsync: " + command + ": " + reply.get("error").asText());
            return Optional.empty();
        }
        return Optional.of(reply);
    }
}
