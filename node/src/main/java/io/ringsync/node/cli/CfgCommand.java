package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync cfg}: the configuration and link tools, as {@code corosync-cfgtool}. */
@Command(name = "cfg", mixinStandardHelpOptions = true, description = "Query or steer running nodes (corosync-cfgtool).",
        subcommands = {CfgStatusCommand.class, CfgReloadCommand.class, CfgKillCommand.class, CfgShutdownCommand.class})
public final class CfgCommand {
}
