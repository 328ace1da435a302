package io.ringsync.config.corosync;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads corosync.conf's syntax (corosync.conf(5)): {@code name {} opens a section, {@code }}
 * closes it, {@code key: value} sets a value (the rest of the line, without surrounding quotes),
 * {@code #} starts a comment line. {@link IllegalArgumentException} with the line number for a
 * line that is none of these or for unbalanced braces.
 */
public final class ConfParser {

    private ConfParser() {
    }

    /** The tree of {@code text}; {@code source} names it in errors. */
    public static ConfSection parse(String text, String source) {
        ConfSection root = new ConfSection("", 0);
        Deque<ConfSection> open = new ArrayDeque<>();
        open.push(root);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).strip();
                if (name.isEmpty() || name.contains(":")) {
                    throw new IllegalArgumentException(source + ":" + number + ": a section needs a name before '{'");
                }
                ConfSection section = new ConfSection(name, number);
                open.peek().add(section);
                open.push(section);
            } else if (line.equals("}")) {
                if (open.size() == 1) {
                    throw new IllegalArgumentException(source + ":" + number + ": '}' without an open section");
                }
                open.pop();
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(source + ":" + number + ": expected \"key: value\", "
                            + "\"section {\" or \"}\", got \"" + line + "\"");
                }
                open.peek().add(new ConfSection.Entry(line.substring(0, colon).strip(), unquote(line.substring(colon + 1).strip()),
                        number));
            }
        }
        if (open.size() > 1) {
            throw new IllegalArgumentException(source + ":" + open.peek().line() + ": section \"" + open.peek().name()
                    + "\" is never closed");
        }
        return root;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
