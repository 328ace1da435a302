package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code ringsync quorum status} and {@code watch}, from the node's
 * {@code quorum.status} reply: the three blocks of {@code corosync-quorumtool -s} (quorum,
 * votequorum, membership), with "Activity blocked" after the quorum when inquorate, and a
 * "Qdevice" row while a device casts votes.
 */
final class QuorumStatusFormatter {

    /** The provider line's value. */
    static final String PROVIDER = "ringsync_votequorum";

    private QuorumStatusFormatter() {
    }

    /** The status text; {@code date} is the "Date:" line's value. */
    static String format(JsonNode s, String date) {
        StringBuilder b = new StringBuilder();
        heading(b, "Quorum information");
        line(b, "Date:", date);
        line(b, "Quorum provider:", PROVIDER);
        line(b, "Nodes:", String.valueOf(s.path("members").size()));
        line(b, "Node ID:", s.path("nodeId").asText());
        line(b, "Ring ID:", s.path("ringId").isNull() ? "-" : s.path("ringId").asText());
        line(b, "Quorate:", s.path("quorate").asBoolean() ? "Yes" : "No");
        b.append('\n');
        heading(b, "Votequorum information");
        line(b, "Expected votes:", s.path("expectedVotes").asText());
        line(b, "Highest expected:", s.path("highestExpected").asText());
        line(b, "Total votes:", s.path("totalVotes").asText());
        line(b, "Quorum:", s.path("quorum").asText() + (s.path("quorate").asBoolean() ? "" : " Activity blocked"));
        line(b, "Flags:", String.join(" ", words(s.path("flags"))));
        b.append('\n');
        heading(b, "Membership information");
        b.append(String.format("%10s %10s %s%n", "Nodeid", "Votes", "Name"));
        for (JsonNode m : s.path("members")) {
            String name = m.path("name").asText().isEmpty() ? "node" + m.path("nodeId").asText() : m.path("name").asText();
            b.append(String.format("%10d %10d %s%s%n", m.path("nodeId").asInt(), m.path("votes").asInt(), name,
                    m.path("local").asBoolean() ? " (local)" : ""));
        }
        if (s.path("deviceVotes").asInt() > 0) {
            b.append(String.format("%10d %10d %s%n", 0, s.path("deviceVotes").asInt(), "Qdevice"));
        }
        return b.toString();
    }

    /** One line of {@code watch}: when, ring, quorate, members with votes, votes and quorum. */
    static String watchLine(JsonNode s, String time) {
        List<String> members = new ArrayList<>();
        for (JsonNode m : s.path("members")) {
            members.add(m.path("nodeId").asText() + ":" + m.path("votes").asText());
        }
        return time + " ring " + (s.path("ringId").isNull() ? "-" : s.path("ringId").asText())
                + (s.path("quorate").asBoolean() ? " quorate" : " NOT quorate")
                + " members " + String.join(",", members)
                + " total " + s.path("totalVotes").asText()
                + " expected " + s.path("expectedVotes").asText()
                + " quorum " + s.path("quorum").asText()
                + " flags " + String.join(",", words(s.path("flags")));
    }

    private static List<String> words(JsonNode flags) {
        List<String> words = new ArrayList<>();
        flags.forEach(f -> words.add(f.asText()));
        return words;
    }

    private static void heading(StringBuilder b, String title) {
        b.append(title).append('\n').append("-".repeat(title.length())).append('\n');
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format("%-18s%s%n", label, value));
    }
}
