package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.QuorumIpcHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync quorum watch}: one line per change of the node's quorum status
 * ({@code corosync-quorumtool -m}), the first for the status at start. It polls the status over
 * the node's socket; it ends after {@code --changes} lines, or with exit 1 when the node cannot
 * be asked any more.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Print a line per quorum change (quorumtool -m).")
public final class QuorumWatchCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "How often to ask the node (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--changes", paramLabel = "N", defaultValue = "0",
            description = "Stop after N lines (default: never).")
    int changes;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return FAILED;
        }
        JsonNode last = null;
        int printed = 0;
        while (changes <= 0 || printed < changes) {
            Optional<JsonNode> reply = NodeRequest.send(socket.get(), Json.object().put("op", QuorumIpcHandler.STATUS),
                    IpcClient.DEFAULT_TIMEOUT, "quorum watch", err);
            if (reply.isEmpty()) {
                return FAILED;
            }
            if (!reply.get().equals(last)) {
                out.println(QuorumStatusFormatter.watchLine(reply.get(), Instant.now().toString()));
                last = reply.get();
                printed++;
            } else {
                Thread.sleep(interval.toMillis());
            }
        }
        return OK;
    }
}
