package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync quorum}: votequorum's status and runtime changes, as {@code corosync-quorumtool}. */
@Command(name = "quorum", mixinStandardHelpOptions = true, description = "Query or change quorum (corosync-quorumtool).",
        subcommands = {QuorumStatusCommand.class, QuorumExpectedCommand.class, QuorumVotesCommand.class,
            QuorumWatchCommand.class})
public final class QuorumCommand {
}
