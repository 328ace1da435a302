package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.node.ipc.IpcClient;
import io.ringsync.node.ipc.QuorumIpcHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync quorum status}: the node's quorum as {@code corosync-quorumtool -s} prints it,
 * or as JSON. Exit code as corosync-quorumtool's: 0 quorate, 2 not quorate, 1 error.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the node's quorum (quorumtool -s); exit 0 quorate, 2 not quorate, 1 error.")
public final class QuorumStatusCommand implements CliCommand {

    /** Exit code: the cluster is not quorate. */
    static final int NOT_QUORATE = 2;

    /** ctime's layout, as the tool's "Date:" line shows it. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return FAILED;
        }
        Optional<JsonNode> reply = NodeRequest.send(socket.get(), Json.object().put("op", QuorumIpcHandler.STATUS),
                IpcClient.DEFAULT_TIMEOUT, "quorum status", err);
        if (reply.isEmpty()) {
            return FAILED;
        }
        out.print(json ? Json.pretty(reply.get()) + "\n" : QuorumStatusFormatter.format(reply.get(),
                CTIME.format(ZonedDateTime.now())));
        return reply.get().path("quorate").asBoolean() ? OK : NOT_QUORATE;
    }
}
