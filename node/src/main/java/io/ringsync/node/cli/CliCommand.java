package io.ringsync.node.cli;

import java.io.PrintStream;

/**
 * A runnable CLI command (STYLE rule 14): picocli fills its fields, then {@link #run} does
 * the work with the given streams and returns the exit code. Tests call {@code run} directly.
 */
public interface CliCommand {

    /** Exit code: success. */
    int OK = 0;
    /** Exit code: the operation failed (node not running, file exists, I/O error). */
    int FAILED = 1;
    /** Exit code: the invocation or the configuration is wrong. */
    int USAGE = 2;

    /** Does the command's work; any exception becomes one {@code ringsync: ...} line and exit 1. */
    int run(PrintStream out, PrintStream err) throws Exception;
}
