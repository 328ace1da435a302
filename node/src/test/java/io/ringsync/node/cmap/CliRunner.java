package io.ringsync.node.cmap;

import io.ringsync.node.cli.RingsyncCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ringsync} commands in-process, keeping the last one's output and errors. */
final class CliRunner {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the CLI; its exit code, the output in {@link #out()} and {@link #err()}. */
    int run(String... args) {
        out.reset();
        err.reset();
        return RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
