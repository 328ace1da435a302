package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync cfg}: the configuration and link tools, as {@code corosync-cfgtool}. */
@Command(name = "cfg", mixinStandardHelpOptions = true, description = "Query a running node (corosync-cfgtool).",
        subcommands = {CfgStatusCommand.class})
public final class CfgCommand {
}
