package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync config}: working with config files. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Create config files, or import a corosync.conf.",
        subcommands = {ConfigInitCommand.class, ConfigImportCommand.class})
public final class ConfigCommand {
}
