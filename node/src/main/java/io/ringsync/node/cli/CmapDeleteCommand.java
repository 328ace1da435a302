package io.ringsync.node.cli;

import java.io.PrintStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ringsync cmap delete KEY} ({@code cmapctl -d}): deletes a writable key. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key (cmapctl -d).")
public final class CmapDeleteCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (CmapIpc.send(target, CmapIpc.op("cmap.delete").put("key", key), "cmap delete", err).isEmpty()) {
            return FAILED;
        }
        out.println("deleted " + key);
        return OK;
    }
}
