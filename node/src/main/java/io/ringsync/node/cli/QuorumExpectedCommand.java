package io.ringsync.node.cli;

import io.ringsync.node.Json;
import io.ringsync.node.ipc.QuorumIpcHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync quorum expected N}: sets every member's expected votes
 * ({@code corosync-quorumtool -e}); refused below the total votes, or when a quorate cluster would
 * become inquorate. Exit 0 once applied, 1 when refused.
 */
@Command(name = "expected", mixinStandardHelpOptions = true, description = "Set expected votes (quorumtool -e).")
public final class QuorumExpectedCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "N", description = "The new expected votes.")
    int expected;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return FAILED;
        }
        if (NodeRequest.send(socket.get(), Json.object().put("op", QuorumIpcHandler.EXPECTED).put("expected", expected),
                QuorumIpcHandler.CHANGE_TIMEOUT.plusSeconds(3), "quorum expected", err).isEmpty()) {
            return FAILED;
        }
        out.println("expected votes set to " + expected);
        return OK;
    }
}
