package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync cpg}: closed process groups of a running node, as corosync-cpgtool and cpghum. */
@Command(name = "cpg", mixinStandardHelpOptions = true, description = "Closed process groups (corosync-cpgtool, cpghum).",
        subcommands = {CpgListCommand.class, CpgVerifyCommand.class})
public final class CpgCommand {
}
