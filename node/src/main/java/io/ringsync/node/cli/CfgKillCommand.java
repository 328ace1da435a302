package io.ringsync.node.cli;

import io.ringsync.node.cmap.CmapActor;
import java.io.PrintStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync cfg kill NODEID} ({@code corosync-cfgtool -k}): the node NODEID leaves the ring
 * gracefully and its process exits (0); asked through any member, sent in the total order. Exit 0
 * once the asked node has seen it leave its ring, 1 when it is not a member or did not leave in time.
 */
@Command(name = "kill", mixinStandardHelpOptions = true, description = "Make a node leave the cluster and exit (cfgtool -k).")
public final class CfgKillCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "NODEID", description = "The node to stop.")
    int nodeId;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        return CmapIpc.send(target, CmapIpc.op("cfg.kill").put("nodeId", nodeId), CmapActor.CLUSTER_OP_TIMEOUT.plusSeconds(5),
                "cfg kill", err).map(reply -> {
                    out.println(reply.path("message").asText());
                    return OK;
                }).orElse(FAILED);
    }
}
