package io.ringsync.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes one node file per node of a new cluster, for {@code config init}, the demo and
 * multi-process tests. Every file it renders loads with {@link ConfigLoader} without problems.
 * Without explicit addresses, node i listens on 127.0.0.i (127.0.x.y past 250 nodes) at the
 * base port, like separate machines; Linux routes all of 127/8 to loopback. When every
 * explicit address is the same host, node i uses base port + i − 1 instead.
 */
public final class ClusterConfigGenerator {

    /**
     * What to generate.
     *
     * @param clusterName   1..64 characters of [A-Za-z0-9._-]
     * @param nodes         1..384
     * @param addresses     one host per node (IPv6 without brackets is fine), or empty for loopback
     * @param basePort      1..65535, with room for nodes − 1 more when all hosts are equal
     * @param dir           where node1.conf .. nodeN.conf go
     * @param runDirParent  when present, run_dir = parent/cluster-node<i>, state_dir = dir/state/node<i>
     */
    public record Request(String clusterName, int nodes, List<String> addresses, int basePort, Path dir,
                          Optional<Path> runDirParent) {

        public Request {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(runDirParent, "runDirParent");
            addresses = List.copyOf(addresses);
        }
    }

    /** The node file of {@code nodeId} (1..nodes): commented HOCON, keys at root level. */
    public String render(Request r, int nodeId) {
        validate(r);
        if (nodeId < 1 || nodeId > r.nodes()) {
            throw new IllegalArgumentException("nodeId must be 1.." + r.nodes() + ", got " + nodeId);
        }
        StringBuilder out = new StringBuilder();
        header(out, r, nodeId);
        out.append("cluster_name = ").append(quote(r.clusterName())).append("\n");
        out.append("node_id = ").append(nodeId).append("\n\n");
        nodelist(out, r);
        system(out, r, nodeId);
        totemExample(out);
        return out.toString();
    }

    /** Writes node1.conf .. nodeN.conf into {@code dir} (created if needed); returns their paths. */
    public List<Path> write(Request r) {
        validate(r);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(r.dir());
            for (int i = 1; i <= r.nodes(); i++) {
                Path file = r.dir().resolve("node" + i + ".conf");
                Files.writeString(file, render(r, i));
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cluster config to " + r.dir(), e);
        }
        return written;
    }

    /** Checks a request; IllegalArgumentException with the reason otherwise. */
    static void validate(Request r) {
        if (!SettingsReader.CLUSTER_NAME.matcher(r.clusterName()).matches()) {
            throw new IllegalArgumentException("clusterName must be 1..64 characters of A-Z a-z 0-9 . _ -, got \""
                    + r.clusterName() + "\"");
        }
        if (r.nodes() < 1 || r.nodes() > NodelistReader.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be 1.." + NodelistReader.MAX_NODES + ", got " + r.nodes());
        }
        if (!r.addresses().isEmpty() && r.addresses().size() != r.nodes()) {
            throw new IllegalArgumentException("got " + r.addresses().size() + " addresses for " + r.nodes()
                    + " nodes; give one address per node, or none for loopback addresses");
        }
        if (r.addresses().stream().anyMatch(a -> a.isBlank() || a.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("addresses must be non-blank hosts, got " + r.addresses());
        }
        int lastPort = r.basePort() + (sameHost(r) ? r.nodes() - 1 : 0);
        if (r.basePort() < 1 || lastPort > 65535) {
            throw new IllegalArgumentException("basePort must be 1..65535 with room for the ports up to "
                    + lastPort + ", got " + r.basePort());
        }
    }

    /** {@code host:port} of node i (1-based). */
    static String linkOf(Request r, int i) {
        String host = r.addresses().isEmpty() ? loopback(i) : r.addresses().get(i - 1);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + (sameHost(r) ? r.basePort() + i - 1 : r.basePort());
    }

    private static boolean sameHost(Request r) {
        return !r.addresses().isEmpty() && r.addresses().stream().distinct().count() == 1;
    }

    private static String loopback(int i) {
        return "127.0." + (i - 1) / 250 + "." + ((i - 1) % 250 + 1);
    }

    private static void header(StringBuilder out, Request r, int nodeId) {
        out.append("# ringsync node file: node ").append(nodeId).append(" of ").append(r.nodes())
                .append(" in cluster \"").append(r.clusterName()).append("\".\n")
                .append("# Generated by ringsync's cluster config generator (config init); edit freely.\n")
                .append("# Keys not set here take their defaults from reference.conf. Every node of the\n")
                .append("# cluster must have the same nodelist; only node_id differs between the files.\n\n");
    }

    private static void nodelist(StringBuilder out, Request r) {
        out.append("# Every node of the cluster: id, name, quorum votes and link addresses (host:port).\n");
        out.append("nodelist = [\n");
        for (int i = 1; i <= r.nodes(); i++) {
            out.append("  { node_id = ").append(i).append(", name = ").append(quote("node" + i))
                    .append(", votes = 1, links = [").append(quote(linkOf(r, i))).append("] }\n");
        }
        out.append("]\n\n");
    }

    private static void system(StringBuilder out, Request r, int nodeId) {
        if (r.runDirParent().isEmpty()) {
            return;
        }
        Path runDir = r.runDirParent().get().toAbsolutePath().resolve(r.clusterName() + "-node" + nodeId);
        Path stateDir = r.dir().toAbsolutePath().resolve("state").resolve("node" + nodeId);
        out.append("# Where this node keeps its files (volatile run directory, persistent state).\n")
                .append("system {\n")
                .append("  run_dir = ").append(quote(runDir.toString())).append("\n")
                .append("  state_dir = ").append(quote(stateDir.toString())).append("\n")
                .append("}\n\n");
    }

    private static void totemExample(StringBuilder out) {
        out.append("# Totem timers and flow control (Corosync's names; the defaults are Corosync's but for\n")
                .append("# max_messages and window_size, which count 16 KiB frames). Uncomment to change; derived values\n")
                .append("# (token_retransmit, hold, consensus) follow token unless set.\n")
                .append("# totem {\n")
                .append("#   token = 3000ms\n")
                .append("#   token_coefficient = 650ms\n")
                .append("#   join = 50ms\n")
                .append("#   max_messages = 60\n")
                .append("#   window_size = 120\n")
                .append("# }\n");
    }

    /** A HOCON string literal with any quotes and backslashes escaped. */
    private static String quote(String text) {
        return ConfigValueFactory.fromAnyRef(text).render(ConfigRenderOptions.concise());
    }
}
