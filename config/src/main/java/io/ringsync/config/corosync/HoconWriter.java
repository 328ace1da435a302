package io.ringsync.config.corosync;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.stream.Collectors;

/** Writes the HOCON text of an imported file: sections, indented {@code key = value} lines, quoted strings. */
final class HoconWriter {

    private final StringBuilder text = new StringBuilder();
    private int depth;

    HoconWriter comment(String line) {
        indent().append("# ").append(line).append('\n');
        return this;
    }

    HoconWriter blank() {
        text.append('\n');
        return this;
    }

    /** A line as it is, indented. */
    HoconWriter line(String content) {
        indent().append(content).append('\n');
        return this;
    }

    HoconWriter open(String section) {
        indent().append(section).append(" {\n");
        depth++;
        return this;
    }

    HoconWriter close() {
        depth--;
        indent().append("}\n");
        return this;
    }

    /** {@code key = value} with {@code value} written as it is (numbers, durations, booleans, lists). */
    HoconWriter raw(String key, String value) {
        indent().append(key).append(" = ").append(value).append('\n');
        return this;
    }

    HoconWriter str(String key, String value) {
        return raw(key, quote(value));
    }

    /** A HOCON string literal, quotes and backslashes escaped. */
    static String quote(String value) {
        return ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
    }

    /** A HOCON list of string literals. */
    static String quotedList(List<String> values) {
        return values.stream().map(HoconWriter::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private StringBuilder indent() {
        return text.append("  ".repeat(depth));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
