package io.ringsync.node.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code ringsync}: the command line of the node. {@link #main} only parses and exits with
 * what {@link #run} returns; each command is a {@link CliCommand}. Wrong arguments print the
 * usage on stderr (exit 2); an unexpected error prints one line, never a stack trace (exit 1).
 */
@Command(name = "ringsync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A cluster engine for the JVM in the line of Corosync.",
        subcommands = {NodeCommand.class, DemoCommand.class, CfgCommand.class, QuorumCommand.class,
            CpgCommand.class, CkptCommand.class, CmapCommand.class, BlackboxCommand.class, FaultCommand.class,
            KeygenCommand.class, ConfigCommand.class, BenchCommand.class})
public final class RingsyncCli {

    private static final Logger log = LoggerFactory.getLogger(RingsyncCli.class);

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Parses {@code args}, runs the chosen command with these streams, returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new RingsyncCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            err.println("ringsync: " + e.getMessage());
            e.getCommandLine().usage(err);
            return CliCommand.USAGE;
        }
        Integer helpCode = CommandLine.executeHelpRequest(parsed);
        return helpCode != null ? helpCode : dispatch(parsed, out, err);
    }

    private static int dispatch(ParseResult parsed, PrintStream out, PrintStream err) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        if (!(leaf.getCommand() instanceof CliCommand command)) {
            err.println("ringsync: missing command");
            leaf.usage(err);
            return CliCommand.USAGE;
        }
        try {
            return command.run(out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ringsync: " + leaf.getCommandSpec().qualifiedName(" ") + ": interrupted");
            return CliCommand.FAILED;
        } catch (Exception e) {
            return unexpected(leaf.getCommandSpec().qualifiedName(" "), e, err);
        }
    }

    /** The one line shown for an unexpected failure; the trace goes to the debug log only. */
    static int unexpected(String what, Exception e, PrintStream err) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        err.println("ringsync: " + what.replaceFirst("^ringsync ", "") + ": " + message.lines().findFirst().orElse(""));
        log.debug("{} failed", what, e);
        return CliCommand.FAILED;
    }
}
