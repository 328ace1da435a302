package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code ringsync ckpt list} and {@code dump}, from the IPC replies: one table row
 * per checkpoint or section. Times in UTC (ISO-8601), "never" / "forever" for SA_TIME_END.
 */
final class CkptFormatter {

    private CkptFormatter() {
    }

    /** The list reply as a table. */
    static String list(JsonNode reply) {
        JsonNode checkpoints = reply.path("checkpoints");
        StringBuilder text = new StringBuilder("node " + reply.path("nodeId").asInt() + ": " + checkpoints.size()
                + (checkpoints.size() == 1 ? " checkpoint" : " checkpoints") + System.lineSeparator());
        if (checkpoints.isEmpty()) {
            return text.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "ID", "POLICY", "SECTIONS", "BYTES", "MAX-SECTIONS", "SECTION-SIZE", "CKPT-SIZE",
                "RETENTION", "OPENERS"));
        for (JsonNode c : checkpoints) {
            JsonNode a = c.path("attributes");
            rows.add(List.of(c.path("name").asText() + (c.path("unlinked").asBoolean() ? " (unlinked)" : ""),
                    c.path("id").asText(), a.path("policy").asText() + (a.path("collocated").asBoolean() ? "+collocated" : ""),
                    c.path("sections").asText(), c.path("bytesUsed").asText(), a.path("maxSections").asText(),
                    a.path("maxSectionSize").asText(), a.path("checkpointSize").asText(),
                    a.path("retentionDurationNs").isNull() ? "forever" : duration(a.path("retentionDurationNs").asLong()),
                    openers(c.path("openers"))));
        }
        return text.append(table(rows)).toString();
    }

    /** The dump reply: a header line, then a table of sections. */
    static String dump(JsonNode reply) {
        JsonNode c = reply.path("checkpoint");
        JsonNode sections = reply.path("sections");
        StringBuilder text = new StringBuilder("checkpoint " + c.path("name").asText() + " (id " + c.path("id").asText()
                + ", " + c.path("attributes").path("policy").asText() + "): " + sections.size()
                + (sections.size() == 1 ? " section, " : " sections, ") + c.path("bytesUsed").asLong() + " bytes, openers "
                + openers(c.path("openers")) + System.lineSeparator());
        if (sections.isEmpty()) {
            return text.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SECTION", "SIZE", "EXPIRES", "DIGEST"));
        for (JsonNode s : sections) {
            String id = s.path("id").asText();
            rows.add(List.of(id.isEmpty() ? "(default)" : id, s.path("size").asText(),
                    s.path("expirationNs").isNull() ? "never" : instant(s.path("expirationNs").asLong()),
                    s.path("digest").asText()));
        }
        return text.append(table(rows)).toString();
    }

    private static String openers(JsonNode openers) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> opener : openers.properties()) {
            parts.add(opener.getKey() + ":" + opener.getValue().asInt());
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static String instant(long epochNs) {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }

    /** A duration as the list shows it: whole seconds, else milliseconds. */
    static String duration(long ns) {
        Duration d = Duration.ofNanos(ns);
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Left-aligned columns, two spaces apart. */
    private static String table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
