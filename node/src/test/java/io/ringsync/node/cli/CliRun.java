package io.ringsync.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test support: runs {@link RingsyncCli} in-process with captured streams and keeps the last run's output. */
public final class CliRun {

    private ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    /** Runs the command line {@code args}; its exit code. */
    public int run(String... args) {
        outBytes = new ByteArrayOutputStream();
        errBytes = new ByteArrayOutputStream();
        return RingsyncCli.run(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), args);
    }

    /** What the last run printed on standard output. */
    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** What the last run printed on standard error. */
    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
