package io.ringsync.node.cli;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Loading a node's config file for a command: problems are printed one per line, no trace. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** The settings of {@code file}, or empty after printing every problem on {@code err}. */
    static Optional<RingsyncSettings> load(Path file, PrintStream err) {
        try {
            return Optional.of(ConfigLoader.load(file));
        } catch (InvalidConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem.format());
            }
            err.println("ringsync: " + file + ": invalid configuration, " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems"));
            return Optional.empty();
        }
    }
}
