package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One request of a cmap or cfg command to its node: the op's JSON object, sent with {@link NodeRequest}. */
final class CmapIpc {

    private CmapIpc() {
    }

    /** A request object for {@code op}. */
    static ObjectNode op(String op) {
        return Json.object().put("op", op);
    }

    /** The reply of the node at {@code target}, or empty after one line on {@code err}. */
    static Optional<JsonNode> send(NodeTarget target, ObjectNode request, String command, PrintStream err)
            throws IOException {
        return send(target, request, IpcClient.DEFAULT_TIMEOUT, command, err);
    }

    /** As {@link #send(NodeTarget, ObjectNode, String, PrintStream)}, waiting up to {@code timeout}. */
    static Optional<JsonNode> send(NodeTarget target, ObjectNode request, Duration timeout, String command,
                                   PrintStream err) throws IOException {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        return NodeRequest.send(socket.get(), request, timeout, command, err);
    }
}
