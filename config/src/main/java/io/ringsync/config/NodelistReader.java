package io.ringsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code nodelist}: each entry (node_id, name, votes, links) over the
 * {@code ringsync-schema.nodelist_entry} template, then checks the list as a whole: at most
 * 384 nodes, unique ids, names and link addresses, and the same number of links on every
 * node (as knet requires).
 */
final class NodelistReader {

    /** Corosync's limit on cluster size. */
    static final int MAX_NODES = 384;
    /** knet's limit on links per node. */
    static final int MAX_LINKS = 8;

    private static final Pattern NAME = Pattern.compile("\\S{1,255}");

    /** The entries that parsed cleanly, and how many the file declared. */
    record Nodelist(List<NodeEntry> entries, int declared) {
        /** True when every declared entry parsed, so list-wide rules may be applied. */
        boolean complete() {
            return entries.size() == declared && declared > 0;
        }
    }

    /** One parsed entry and the reader of its values (for origins). */
    private record Parsed(int index, NodeEntry node, ValueReader reader) {
    }

    /** One value that must be unique across the nodelist, where it was written. */
    private record Occurrence(String key, String path, String origin) {
    }

    private final ValueReader top;
    private final Config entryTemplate;

    NodelistReader(ValueReader top, Config entryTemplate) {
        this.top = top;
        this.entryTemplate = entryTemplate;
    }

    Nodelist read() {
        List<ConfigValue> raw = top.list("nodelist");
        if (raw.isEmpty() && !top.problems().anyFailed("nodelist")) {
            top.problem("nodelist", "must list at least one node, e.g. "
                    + "[ { node_id = 1, links = [\"127.0.0.1:5405\"] } ]");
        } else if (raw.size() > MAX_NODES) {
            top.problem("nodelist", "must have at most " + MAX_NODES + " nodes, got " + raw.size());
        }
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            readEntry(i, raw.get(i)).ifPresent(parsed::add);
        }
        checkUnique(parsed, p -> List.of(occurrence(p, "node_id", p.node().nodeId())), "node id");
        checkUnique(parsed, p -> List.of(occurrence(p, "name", p.node().name())), "name");
        checkUnique(parsed, NodelistReader::linkOccurrences, "link address");
        checkLinkCounts(parsed);
        return new Nodelist(parsed.stream().map(Parsed::node).toList(), raw.size());
    }

    private Optional<Parsed> readEntry(int index, ConfigValue value) {
        String prefix = "nodelist[" + index + "]";
        if (!(value instanceof ConfigObject object)) {
            top.problemAt(prefix, value, "expected an object { node_id = 1, links = [\"host:port\"] }, got "
                    + ValueReader.describe(value));
            return Optional.empty();
        }
        ValueReader r = top.child(object, entryTemplate, prefix + ".");
        int id = (int) r.number("node_id", 1, Integer.MAX_VALUE);
        String name = r.isUnset("name") ? "node" + id : r.matching("name", NAME, "1..255 characters without spaces");
        int votes = (int) r.number("votes", 0, 65535);
        List<LinkAddress> links = readLinks(r, prefix + ".links");
        if (top.problems().anyFailed(prefix)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(index, new NodeEntry(id, name, votes, links), r));
    }

    private static List<LinkAddress> readLinks(ValueReader r, String path) {
        List<ConfigValue> raw = r.list("links");
        if (!r.problems().anyFailed(path) && (raw.isEmpty() || raw.size() > MAX_LINKS)) {
            r.problem("links", "must have 1.." + MAX_LINKS + " addresses, got " + raw.size());
        }
        List<LinkAddress> links = new ArrayList<>();
        for (int k = 0; k < raw.size(); k++) {
            ConfigValue value = raw.get(k);
            if (value.valueType() != ConfigValueType.STRING) {
                r.problemAt(path + "[" + k + "]", value,
                        "expected a string \"host:port\", got " + ValueReader.describe(value));
                continue;
            }
            try {
                links.add(LinkAddressParser.parse((String) value.unwrapped()));
            } catch (IllegalArgumentException e) {
                r.problemAt(path + "[" + k + "]", value, e.getMessage());
            }
        }
        return links;
    }

    /** Reports every occurrence of a key already seen earlier in the nodelist. */
    private void checkUnique(List<Parsed> parsed, Function<Parsed, List<Occurrence>> occurrences,
                             String what) {
        Map<String, Occurrence> first = new HashMap<>();
        for (Parsed p : parsed) {
            for (Occurrence o : occurrences.apply(p)) {
                Occurrence earlier = first.putIfAbsent(o.key().toLowerCase(Locale.ROOT), o);
                if (earlier != null) {
                    top.problems().add(o.path(), o.origin(), "duplicate " + what + " " + o.key()
                            + " (also at " + earlier.path() + ")");
                }
            }
        }
    }

    private void checkLinkCounts(List<Parsed> parsed) {
        if (parsed.isEmpty()) {
            return;
        }
        Parsed reference = parsed.get(0);
        int expected = reference.node().links().size();
        for (Parsed p : parsed) {
            if (p.node().links().size() != expected) {
                p.reader().problem("links", "has " + p.node().links().size() + " links but nodelist["
                        + reference.index() + "] has " + expected
                        + "; every node must have the same number of links");
            }
        }
    }

    private static Occurrence occurrence(Parsed p, String key, Object value) {
        return new Occurrence(String.valueOf(value), p.reader().display(key), p.reader().origin(key));
    }

    private static List<Occurrence> linkOccurrences(Parsed p) {
        List<Occurrence> list = new ArrayList<>();
        List<ConfigValue> raw = p.reader().raw("links")
                .map(v -> v instanceof ConfigList l ? (List<ConfigValue>) l : List.<ConfigValue>of())
                .orElse(List.of());
        for (int k = 0; k < p.node().links().size(); k++) {
            String origin = k < raw.size() ? Origins.format(raw.get(k).origin()) : "";
            list.add(new Occurrence(p.node().links().get(k).hostPort(),
                    p.reader().display("links") + "[" + k + "]", origin));
        }
        return list;
    }
}
