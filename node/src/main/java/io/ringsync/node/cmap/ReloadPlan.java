package io.ringsync.node.cmap;

import io.ringsync.config.CryptoSettings;
import io.ringsync.config.LoggingSettings;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * What reloading a new config file on a running node does (pure): the file's keys
 * ({@link ConfigKeys}) compared with the running ones, each difference either applied at runtime
 * or reported as needing a restart.
 *
 * <p>Applied at runtime: the logging section (levels, per-subsystem levels, stderr, log file; not
 * {@code blackbox_events}, the ring buffer's size), and this node's own quorum votes (its
 * nodelist entry's {@code votes}; each node applies its own entry, through the quorum service's
 * ordered change). Everything else (Totem timers, nodelist addresses, nodes added or removed,
 * quorum options, transport, the cipher, paths) is read by the node at start only: listed as needing
 * a restart, and the running values stay what they are. A file giving this node another
 * {@code node_id} is invalid. A new authkey is rolled over at runtime ({@link #withKeyRollover}).
 *
 * @param verdict     this node's vote
 * @param next        the settings the node runs with after a commit
 * @param localVotes  this node's new votes, when they change
 */
public record ReloadPlan(ReloadVerdict verdict, RingsyncSettings next, OptionalInt localVotes) {

    /** The plan of replacing {@code running} by {@code loaded} on node {@code running.nodeId()}. */
    public static ReloadPlan of(RingsyncSettings running, RingsyncSettings loaded) {
        int nodeId = running.nodeId();
        if (loaded.nodeId() != nodeId) {
            return new ReloadPlan(ReloadVerdict.invalid(nodeId, List.of("node_id cannot change by a reload ("
                    + nodeId + " -> " + loaded.nodeId() + ")")), running, OptionalInt.empty());
        }
        LoggingSettings logging = new LoggingSettings(loaded.logging().level(), loaded.logging().toStderr(),
                loaded.logging().logfile(), loaded.logging().subsystemLevels(), running.logging().blackboxEvents());
        List<NodeEntry> nodelist = running.nodelist().stream().map(node -> withVotes(node, loaded.node(node.nodeId())))
                .toList();
        RingsyncSettings next = new RingsyncSettings(running.clusterName(), nodeId, nodelist, running.totem(),
                running.quorum(), running.crypto(), running.transport(), running.links(), running.system(), logging,
                running.source(), running.ckpt());
        int oldVotes = running.localNode().votes();
        int newVotes = next.localNode().votes();
        OptionalInt votes = oldVotes == newVotes ? OptionalInt.empty() : OptionalInt.of(newVotes);
        return new ReloadPlan(new ReloadVerdict(nodeId, true, changes(running, next), changes(next, loaded), List.of()),
                next, votes);
    }

    /**
     * This plan with the frame key rolled over ({@link KeyRollover}): {@code change} is applied,
     * not reported as needing a restart, and the node runs with {@code crypto} after the commit.
     */
    ReloadPlan withKeyRollover(String change, CryptoSettings crypto) {
        List<String> applied = new ArrayList<>(verdict.applied());
        applied.add(change);
        List<String> restart = verdict.restart().stream().filter(line -> !line.startsWith("crypto.authkey:")).toList();
        RingsyncSettings n = next;
        RingsyncSettings rolled = new RingsyncSettings(n.clusterName(), n.nodeId(), n.nodelist(), n.totem(), n.quorum(),
                crypto, n.transport(), n.links(), n.system(), n.logging(), n.source(), n.ckpt());
        return new ReloadPlan(new ReloadVerdict(verdict.nodeId(), true, applied, restart, verdict.problems()), rolled,
                localVotes);
    }

    private static NodeEntry withVotes(NodeEntry node, Optional<NodeEntry> loaded) {
        return loaded.map(l -> new NodeEntry(node.nodeId(), node.name(), l.votes(), node.links())).orElse(node);
    }

    /** Every key whose value differs between {@code from} and {@code to}, as {@code key: old -> new}. */
    static List<String> changes(RingsyncSettings from, RingsyncSettings to) {
        Map<String, CmapValue> before = ConfigKeys.of(from);
        Map<String, CmapValue> after = ConfigKeys.of(to);
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            CmapValue old = before.get(key);
            CmapValue now = after.get(key);
            if (!key.startsWith("runtime.") && !Objects.equals(old, now)) {
                lines.add(key + ": " + text(old) + " -> " + text(now));
            }
        }
        return lines;
    }

    private static String text(CmapValue value) {
        return value == null ? "(none)" : value.text();
    }
}
