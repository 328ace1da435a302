package io.ringsync.config;

/**
 * One thing wrong with a configuration: the key path (without the {@code ringsync.} prefix,
 * e.g. {@code totem.token} or {@code nodelist[1].links[0]}; empty for the file as a whole),
 * where the offending value came from ({@code file:line}, "system properties"; empty when
 * unknown) and what is wrong.
 */
public record ConfigProblem(String path, String origin, String message) {

    /** {@code node1.conf:12: totem.token: must be at least 30 ms, got 10 ms}. */
    public String format() {
        StringBuilder line = new StringBuilder();
        if (!origin.isEmpty()) {
            line.append(origin).append(": ");
        }
        if (!path.isEmpty()) {
            line.append(path).append(": ");
        }
        return line.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
