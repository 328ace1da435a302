package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync cmap}: the node's runtime database, as {@code corosync-cmapctl}. */
@Command(name = "cmap", mixinStandardHelpOptions = true, description = "Read, write and track the runtime database (corosync-cmapctl).",
        subcommands = {CmapListCommand.class, CmapGetCommand.class, CmapSetCommand.class, CmapDeleteCommand.class,
            CmapTrackCommand.class})
public final class CmapCommand {
}
