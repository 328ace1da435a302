package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync ckpt}: the checkpoint service's tools (list, dump, put, add, retention), over the node's IPC socket. */
@Command(name = "ckpt", mixinStandardHelpOptions = true, description = "Inspect the checkpoint service of a running node.",
        subcommands = {CkptListCommand.class, CkptDumpCommand.class, CkptPutCommand.class, CkptAddCommand.class,
                CkptRetentionCommand.class})
public final class CkptCommand {
}
