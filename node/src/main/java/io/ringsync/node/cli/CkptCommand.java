package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync ckpt}: the checkpoint service's tools (list, dump, put), over the node's IPC socket. */
@Command(name = "ckpt", mixinStandardHelpOptions = true, description = "Inspect the checkpoint service of a running node.",
        subcommands = {CkptListCommand.class, CkptDumpCommand.class, CkptPutCommand.class})
public final class CkptCommand {
}
