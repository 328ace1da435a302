package io.ringsync.config;

import com.typesafe.config.ConfigOrigin;

/** Turns a typesafe-config origin into the {@code file:line} form of {@link ConfigProblem}. */
final class Origins {

    private Origins() {
    }

    /** {@code node1.conf:12}, {@code reference.conf:40}, {@code system properties}, or "". */
    static String format(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String where = source(origin);
        if (where.isEmpty()) {
            return "";
        }
        return origin.lineNumber() > 0 ? where + ":" + origin.lineNumber() : where;
    }

    private static String source(ConfigOrigin origin) {
        if (origin.filename() != null) {
            return origin.filename();
        }
        if (origin.resource() != null) {
            return origin.resource();
        }
        String description = origin.description();
        if (description == null || description.startsWith("merge of")) {
            return "";
        }
        // "desc: 12" or "desc: 12-14": the line is added back above.
        return description.replaceFirst(": \\d+(-\\d+)?$", "");
    }
}
