package io.ringsync.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found (validation does not stop at
 * the first one). The message lists them all, one per line, ready to show an operator.
 */
public final class InvalidConfigException extends Exception {

    private final List<ConfigProblem> problems;

    /** @param problems at least one problem */
    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String header = problems.size() == 1 ? "invalid configuration:" :
                "invalid configuration (" + problems.size() + " problems):";
        return problems.stream().map(p -> "  " + p.format())
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
