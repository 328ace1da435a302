package io.ringsync.config.corosync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Converts a corosync.conf (Corosync 2 and 3: totem, interface, nodelist with up to 8 links,
 * quorum with its device, logging with logger_subsys, system) into a ringsync node file, and lists
 * what it could not map. A corosync.conf is the same on every node, a ringsync file names its own
 * node: {@code nodeId} says which (else the first node of the nodelist, with a note).
 *
 * <p>What maps: Totem's timers and constants (same names; times in ms), the cluster name, the
 * nodelist (nodeid, name, quorum_votes, ring0_addr..ring7_addr with the port of the link's
 * interface's mcastport, 5405 by default), votequorum's options and device votes and timeouts,
 * crypto (any cipher, or secauth, becomes AES-256-GCM with the keyfile as authkey), logging
 * (debug and the logfile priority become the level, to_stderr, the log file, each
 * logger_subsys's level under ringsync's package of that subsystem), system.state_dir. What does
 * not (the transport choice, knet tuning, netmtu, syslog, uidgid names, qdevice's network model,
 * unknown keys) is listed with the reason.
 */
public final class CorosyncImport {

    /** The converted file and what did not carry over. */
    public record Result(String hocon, List<String> unmapped, List<String> notes) {

        /** Copies the lists. */
        public Result {
            unmapped = List.copyOf(unmapped);
            notes = List.copyOf(notes);
        }
    }

    private record Node(int nodeId, String name, int votes, List<String> links) {
    }

    static final int DEFAULT_PORT = 5405;
    private static final Set<String> TIMERS = Set.of("token", "token_coefficient", "token_retransmit", "hold", "join",
            "send_join", "consensus", "merge", "downcheck");
    private static final Set<String> COUNTS = Set.of("token_warning", "token_retransmits_before_loss_const",
            "fail_recv_const", "seqno_unchanged_const", "max_messages", "window_size", "miss_count_const");
    private static final Set<String> QUORUM_FLAGS = Set.of("two_node", "wait_for_all", "last_man_standing",
            "auto_tie_breaker", "allow_downscale", "expected_votes_tracking");
    private static final Map<String, String> SUBSYSTEMS = Map.ofEntries(Map.entry("TOTEM", "protocol.totem"),
            Map.entry("KNET", "protocol.link"), Map.entry("QUORUM", "quorum"), Map.entry("VOTEQ", "quorum"),
            Map.entry("CPG", "cpg"), Map.entry("CKPT", "ckpt"), Map.entry("CMAP", "node.cmap"), Map.entry("CFG", "node.cmap"),
            Map.entry("MAIN", "node"), Map.entry("SERV", "node"), Map.entry("SYNC", "protocol.service"));

    private final List<String> unmapped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ConfSection root;

    private CorosyncImport(ConfSection root) {
        this.root = root;
    }

    /** Converts {@code text} (named {@code source} in messages) for node {@code nodeId}, or the nodelist's first. */
    public static Result convert(String text, String source, OptionalInt nodeId) {
        return new CorosyncImport(ConfParser.parse(text, source)).run(source, nodeId);
    }

    private Result run(String source, OptionalInt nodeId) {
        ConfSection totem = single("totem").orElse(new ConfSection("totem", 0));
        List<Node> nodes = nodelist(totem);
        HoconWriter out = new HoconWriter().comment("ringsync node file imported from " + source + " (ringsync config import).")
                .comment("Keys not set here take ringsync's defaults (reference.conf).").blank();
        totem.value("cluster_name").ifPresent(name -> out.str("cluster_name", name));
        out.raw("node_id", Integer.toString(localNode(nodes, nodeId))).blank();
        writeNodelist(out, nodes);
        writeTotem(out, totem);
        single("quorum").ifPresent(quorum -> writeQuorum(out, quorum));
        writeCrypto(out, totem);
        single("logging").ifPresent(logging -> writeLogging(out, logging));
        single("system").ifPresent(system -> writeSystem(out, system));
        for (ConfSection section : root.sections()) {
            if (!Set.of("totem", "nodelist", "quorum", "logging", "system").contains(section.name())) {
                unmapped.add(section.name() + " { ... } (line " + section.line() + "): no ringsync equivalent");
            }
        }
        root.entries().forEach(e -> unmapped.add(e.key() + " (line " + e.line() + "): a key outside any section"));
        return new Result(out.toString(), unmapped, notes);
    }

    private Optional<ConfSection> single(String name) {
        List<ConfSection> sections = root.sections(name);
        sections.stream().skip(1).forEach(s -> unmapped.add(name + " { ... } (line " + s.line()
                + "): a second " + name + " section; only the first is read"));
        return sections.stream().findFirst();
    }

    private int localNode(List<Node> nodes, OptionalInt nodeId) {
        if (nodeId.isPresent()) {
            if (nodes.stream().noneMatch(n -> n.nodeId() == nodeId.getAsInt())) {
                notes.add("node " + nodeId.getAsInt() + " is not in the nodelist: add it, or import for a node that is");
            }
            return nodeId.getAsInt();
        }
        int first = nodes.isEmpty() ? 1 : nodes.get(0).nodeId();
        notes.add("node_id = " + first + " (the nodelist's first node): each node's file names its own id; "
                + "import again with --node-id for the others");
        return first;
    }

    /** The link ports by link number, from the totem's interface sections (mcastport; 5405 by default). */
    private Map<Integer, Integer> ports(ConfSection totem) {
        Map<Integer, Integer> ports = new TreeMap<>();
        for (ConfSection iface : totem.sections("interface")) {
            int link = iface.value("linknumber").or(() -> iface.value("ringnumber")).map(v -> number(v, "interface linknumber", iface.line()))
                    .orElse(0);
            iface.value("mcastport").ifPresent(port -> ports.put(link, number(port, "interface mcastport", iface.line())));
            for (ConfSection.Entry entry : iface.entries()) {
                if (!Set.of("linknumber", "ringnumber", "mcastport").contains(entry.key())) {
                    unmapped.add("totem.interface." + entry.key() + ": " + entry.value() + " (line " + entry.line()
                            + "): no ringsync equivalent (links are unicast addresses from the nodelist)");
                }
            }
        }
        return ports;
    }

    private List<Node> nodelist(ConfSection totem) {
        Map<Integer, Integer> ports = ports(totem);
        List<Node> nodes = new ArrayList<>();
        for (ConfSection nodelist : root.sections("nodelist")) {
            nodelist.entries().forEach(e -> unmapped.add("nodelist." + e.key() + " (line " + e.line() + "): no ringsync equivalent"));
            for (ConfSection node : nodelist.sections("node")) {
                Optional<String> id = node.value("nodeid");
                if (id.isEmpty()) {
                    unmapped.add("nodelist.node (line " + node.line() + "): no nodeid; ringsync needs one per node, the node is left out");
                    continue;
                }
                int nodeId = number(id.get(), "nodeid", node.line());
                List<String> links = new ArrayList<>();
                for (int link = 0; link < 8; link++) {
                    int number = link;
                    node.value("ring" + link + "_addr").ifPresent(addr -> links.add(hostPort(addr, ports.getOrDefault(number,
                            DEFAULT_PORT))));
                }
                nodes.add(new Node(nodeId, node.value("name").orElse("node" + nodeId),
                        node.value("quorum_votes").map(v -> number(v, "quorum_votes", node.line())).orElse(1), links));
                for (ConfSection.Entry e : node.entries()) {
                    if (!e.key().matches("nodeid|name|quorum_votes|ring[0-7]_addr")) {
                        unmapped.add("nodelist.node." + e.key() + ": " + e.value() + " (line " + e.line() + "): no ringsync equivalent");
                    }
                }
            }
        }
        return nodes;
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private void writeNodelist(HoconWriter out, List<Node> nodes) {
        out.line("nodelist = [");
        for (Node node : nodes) {
            out.line("  { node_id = " + node.nodeId() + ", name = " + HoconWriter.quote(node.name()) + ", votes = "
                    + node.votes() + ", links = " + HoconWriter.quotedList(node.links()) + " }");
        }
        out.line("]").blank();
    }

    private void writeTotem(HoconWriter out, ConfSection totem) {
        out.open("totem");
        for (ConfSection.Entry e : totem.entries()) {
            String where = "totem." + e.key() + ": " + e.value() + " (line " + e.line() + ")";
            if (TIMERS.contains(e.key())) {
                out.raw(e.key(), number(e.value(), e.key(), e.line()) + "ms");
            } else if (COUNTS.contains(e.key())) {
                out.raw(e.key(), Integer.toString(number(e.value(), e.key(), e.line())));
            } else if (e.key().equals("transport") || e.key().equals("version") || e.key().equals("ip_version")) {
                notes.add(where + ": not needed, ringsync has one transport (Aeron over UDP unicast)");
            } else if (e.key().equals("netmtu")) {
                unmapped.add(where + ": no equivalent; ringsync packs messages into totem.frame_size (16 KiB by default)");
            } else if (!Set.of("cluster_name", "crypto_cipher", "crypto_hash", "secauth", "keyfile").contains(e.key())) {
                unmapped.add(where + ": no ringsync equivalent");
            }
        }
        out.close().blank();
    }

    private void writeQuorum(HoconWriter out, ConfSection quorum) {
        out.open("quorum");
        for (ConfSection.Entry e : quorum.entries()) {
            String where = "quorum." + e.key() + ": " + e.value() + " (line " + e.line() + ")";
            if (e.key().equals("provider")) {
                if (!e.value().equals("corosync_votequorum")) {
                    unmapped.add(where + ": ringsync's quorum is votequorum");
                }
            } else if (QUORUM_FLAGS.contains(e.key())) {
                out.raw(e.key(), Boolean.toString(flag(e.value(), e.key(), e.line())));
            } else if (e.key().equals("expected_votes")) {
                out.raw(e.key(), Integer.toString(number(e.value(), e.key(), e.line())));
            } else if (e.key().equals("last_man_standing_window")) {
                out.raw(e.key(), number(e.value(), e.key(), e.line()) + "ms");
            } else if (e.key().equals("auto_tie_breaker_node")) {
                out.raw(e.key(), e.value().equals("lowest") || e.value().equals("highest") ? HoconWriter.quote(e.value())
                        : "[" + String.join(", ", e.value().trim().split("\\s+")) + "]");
            } else {
                unmapped.add(where + ": no ringsync equivalent");
            }
        }
        for (ConfSection device : quorum.sections("device")) {
            out.open("device");
            for (ConfSection.Entry e : device.entries()) {
                if (e.key().equals("votes")) {
                    out.raw("votes", Integer.toString(number(e.value(), "device votes", e.line())));
                } else if (e.key().equals("timeout") || e.key().equals("sync_timeout")) {
                    out.raw(e.key(), number(e.value(), "device " + e.key(), e.line()) + "ms");
                } else {
                    unmapped.add("quorum.device." + e.key() + ": " + e.value() + " (line " + e.line()
                            + "): ringsync's device is an in-process arbiter (QuorumDevice), not corosync-qnetd");
                }
            }
            device.sections().forEach(s -> unmapped.add("quorum.device." + s.name() + " { ... } (line " + s.line()
                    + "): ringsync's device is an in-process arbiter (QuorumDevice), not corosync-qnetd"));
            out.close();
        }
        out.close().blank();
    }

    private void writeCrypto(HoconWriter out, ConfSection totem) {
        String cipher = totem.value("crypto_cipher").orElse("none");
        boolean secauth = totem.value("secauth").map(v -> flag(v, "secauth", totem.line())).orElse(false);
        if (cipher.equals("none") && !secauth) {
            totem.value("crypto_hash").filter(h -> !h.equals("none")).ifPresent(h -> unmapped.add("totem.crypto_hash: " + h
                    + ": authentication without encryption does not exist in ringsync; set crypto.cipher to seal frames"));
            return;
        }
        if (!cipher.equals("aes256") && !cipher.equals("none")) {
            notes.add("totem.crypto_cipher: " + cipher + ": ringsync seals frames with AES-256-GCM");
        }
        totem.value("crypto_hash").ifPresent(h -> notes.add("totem.crypto_hash: " + h
                + ": not needed, AES-256-GCM authenticates every frame"));
        String key = totem.value("keyfile").orElse("/etc/corosync/authkey");
        notes.add("crypto.authkey = " + key + ": check that ringsync accepts this key, or make one with `ringsync keygen`");
        out.open("crypto").str("cipher", "aes256-gcm").str("authkey", key).close().blank();
    }

    private void writeLogging(HoconWriter out, ConfSection logging) {
        out.open("logging");
        out.str("level", level(logging, "logging"));
        logging.value("to_stderr").ifPresent(v -> out.raw("to_stderr", Boolean.toString(flag(v, "to_stderr", logging.line()))));
        boolean toFile = logging.value("to_logfile").map(v -> flag(v, "to_logfile", logging.line())).orElse(false);
        logging.value("logfile").filter(file -> toFile).ifPresent(file -> out.str("logfile", file));
        for (ConfSection.Entry e : logging.entries()) {
            if (!Set.of("to_stderr", "to_logfile", "logfile", "debug", "logfile_priority").contains(e.key())) {
                unmapped.add("logging." + e.key() + ": " + e.value() + " (line " + e.line() + "): no ringsync equivalent"
                        + (e.key().equals("blackbox") ? " (ringsync's blackbox is always on)" : ""));
            }
        }
        List<ConfSection> subsystems = logging.sections("logger_subsys");
        if (!subsystems.isEmpty()) {
            out.open("subsys");
            for (ConfSection subsys : subsystems) {
                String name = subsys.value("subsys").orElse("");
                String target = SUBSYSTEMS.get(name.toUpperCase(Locale.ROOT));
                if (target == null) {
                    unmapped.add("logging.logger_subsys " + name + " (line " + subsys.line() + "): no ringsync subsystem of that name");
                } else {
                    out.str(HoconWriter.quote(target), level(subsys, "logger_subsys " + name));
                }
            }
            out.close();
        }
        out.close().blank();
    }

    /** debug: on|trace wins; else logfile_priority; else info. */
    private String level(ConfSection section, String where) {
        String debug = section.value("debug").orElse("off");
        if (debug.equals("trace")) {
            return "trace";
        }
        if (flag(debug, where + " debug", section.line())) {
            return "debug";
        }
        return section.value("logfile_priority").map(p -> switch (p) {
            case "emerg", "alert", "crit", "err", "error" -> "error";
            case "warning", "warn" -> "warn";
            case "debug" -> "debug";
            default -> "info";
        }).orElse("info");
    }

    private void writeSystem(HoconWriter out, ConfSection system) {
        Optional<String> stateDir = system.value("state_dir");
        stateDir.ifPresent(dir -> out.open("system").str("state_dir", dir).close().blank());
        system.entries().stream().filter(e -> !e.key().equals("state_dir")).forEach(e -> unmapped.add("system." + e.key()
                + ": " + e.value() + " (line " + e.line() + "): no ringsync equivalent"));
    }

    private static int number(String value, String key, int line) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + key + " must be a whole number, got \"" + value + "\"");
        }
    }

    private static boolean flag(String value, String key, int line) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1": case "yes": case "on": case "true":
                return true;
            case "0": case "no": case "off": case "false":
                return false;
            default:
                throw new IllegalArgumentException("line " + line + ": " + key + " must be yes/no, on/off or 1/0, got \""
                        + value + "\"");
        }
    }
}
