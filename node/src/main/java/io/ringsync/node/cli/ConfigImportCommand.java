package io.ringsync.node.cli;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.corosync.CorosyncImport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync config import corosync.conf [--node-id N] [-o FILE]}: converts a corosync.conf
 * into a ringsync node file (on stdout, or into FILE), then lists on stderr what it could not
 * map and what to check. The result is loaded as ringsync would: if it does not pass ringsync's
 * checks (e.g. consensus below 1.2 x the effective token), the problems are listed too and the exit
 * code is 1. A corosync.conf it cannot read is one line naming the line, exit 2.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Convert a corosync.conf into a ringsync node file.")
public final class ConfigImportCommand implements CliCommand {

    @Parameters(index = "0", paramLabel = "COROSYNC_CONF", description = "The corosync.conf to convert.")
    Path source;

    @Option(names = "--node-id", paramLabel = "N", description = "The node the file is for (default: the nodelist's first).")
    Integer nodeId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the node file here (default: stdout).")
    Path output;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException {
        if (!Files.isReadable(source)) {
            err.println("ringsync: config import: " + source + ": " + (Files.exists(source) ? "not readable" : "no such file"));
            return FAILED;
        }
        if (output != null && Files.exists(output) && !force) {
            err.println("ringsync: config import: " + output + " exists (use --force to overwrite)");
            return FAILED;
        }
        CorosyncImport.Result result;
        try {
            result = CorosyncImport.convert(Files.readString(source, StandardCharsets.UTF_8), source.toString(),
                    nodeId == null ? OptionalInt.empty() : OptionalInt.of(nodeId));
        } catch (IllegalArgumentException e) {
            err.println("ringsync: config import: " + e.getMessage());
            return USAGE;
        }
        if (output == null) {
            out.print(result.hocon());
        } else {
            Files.writeString(output, result.hocon(), StandardCharsets.UTF_8);
            out.println("wrote " + output);
        }
        result.unmapped().forEach(line -> err.println("not mapped: " + line));
        result.notes().forEach(line -> err.println("note: " + line));
        try {
            ConfigLoader.parse(result.hocon(), output == null ? "the imported file" : output.toString());
        } catch (InvalidConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println("invalid: " + problem.format());
            }
            err.println("ringsync: config import: the imported file does not pass ringsync's checks: fix the "
                    + (e.problems().size() == 1 ? "problem" : e.problems().size() + " problems") + " above");
            return FAILED;
        }
        return OK;
    }
}
