package io.ringsync.node.cli;

import java.io.PrintStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code ringsync cfg shutdown} ({@code corosync-cfgtool -H}): the node leaves the ring gracefully
 * (its peers see a leave and form their ring at once, not after the token timeout) and stops; a
 * {@code ringsync node} process then exits 0.
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true, description = "Make the node leave gracefully and stop (cfgtool -H).")
public final class CfgShutdownCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        return CmapIpc.send(target, CmapIpc.op("cfg.shutdown"), "cfg shutdown", err).map(reply -> {
            out.println(reply.path("message").asText());
            return OK;
        }).orElse(FAILED);
    }
}
