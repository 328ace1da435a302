package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.ipc.IpcAccessDeniedException;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.NodeNotRunningException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;

/**
 * What the {@code ckpt} commands share: the node's target (its config file or its socket, as
 * {@code cfg status} takes it) and a session of IPC requests that turns a refusal or a missing
 * node into one {@code ringsync: ...} line.
 */
final class CkptIpc {

    /** Where the node is. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    /** An open connection to the node; a failed request has been reported on {@code err}. */
    static final class Session implements AutoCloseable {
        private final IpcClient client;
        private final PrintStream err;
        private final String command;

        private Session(IpcClient client, PrintStream err, String command) {
            this.client = client;
            this.err = err;
            this.command = command;
        }

        /** The reply to {@code request}, or empty (reported) when it carries an error. */
        Optional<JsonNode> request(ObjectNode request) throws IOException {
            JsonNode reply = client.request(request);
            return reply.has("error") && !report(reply) ? Optional.empty() : Optional.of(reply);
        }

        /** The reply to {@code request}, error or not, unreported. */
        JsonNode requestQuietly(ObjectNode request) throws IOException {
            return client.request(request);
        }

        /** Reports an error reply on the error stream; false. */
        boolean report(JsonNode reply) {
            err.println("ringsync: " + command + ": the node answered: " + reply.get("error").asText());
            return false;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** A session with the node, or empty when there is none (reported on {@code err}). */
    Optional<Session> connect(String command, PrintStream err) throws IOException {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(IpcClient.connect(socket.get(), IpcClient.DEFAULT_TIMEOUT), err, command));
        } catch (NodeNotRunningException | IpcAccessDeniedException e) {
            err.println("ringsync: " + e.getMessage());
            return Optional.empty();
        }
    }
}
