package io.ringsync.node.cli;

import picocli.CommandLine.Command;

/** {@code ringsync config}: working with config files. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Create config files.",
        subcommands = {ConfigInitCommand.class})
public final class ConfigCommand {
}
