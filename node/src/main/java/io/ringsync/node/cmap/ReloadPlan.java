package io.ringsync.node.cmap;

import io.ringsync.config.CryptoSettings;
import io.ringsync.config.LoggingSettings;
import io.ringsync.config.RingsyncSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * What reloading a new config file on a running node does (pure): the file's keys
 * ({@link ConfigKeys}) compared with the running ones, each difference either applied at runtime
 * or reported as needing a restart.
 *
 * <p>Applied at runtime: the logging section (levels, per-subsystem levels, stderr, log file; not
 * {@code blackbox_events}, the ring buffer's size); this node's own quorum votes (its nodelist
 * entry's {@code votes}; each node applies its own entry, through the quorum service's ordered
 * change); and the nodelist, the Totem timers (from the next ring) and the expected votes they
 * give, as {@link NodelistReload} says. Everything else (quorum options, transport, the cipher,
 * paths, this node's own addresses, {@code frame_size}) is read by the node at start only: listed
 * as needing a restart, and the running values stay what they are. A file giving this node another
 * {@code node_id} is invalid. A new authkey is rolled over at runtime ({@link #withKeyRollover}).
 *
 * @param verdict       this node's vote
 * @param next          the settings the node runs with after a commit
 * @param localVotes    this node's new votes, when they change
 * @param expectedVotes the cluster's new expected votes, when they change
 */
public record ReloadPlan(ReloadVerdict verdict, RingsyncSettings next, OptionalInt localVotes,
                         OptionalInt expectedVotes) {

    /** The plan on a node alone in its ring. */
    public static ReloadPlan of(RingsyncSettings running, RingsyncSettings loaded) {
        return of(running, loaded, List.of(running.nodeId()));
    }

    /** The plan of replacing {@code running} by {@code loaded} on node {@code running.nodeId()}, in a ring of {@code ringMembers}. */
    public static ReloadPlan of(RingsyncSettings running, RingsyncSettings loaded, List<Integer> ringMembers) {
        int nodeId = running.nodeId();
        List<String> problems = loaded.nodeId() != nodeId ? List.of("node_id cannot change by a reload ("
                + nodeId + " -> " + loaded.nodeId() + ")") : NodelistReload.problems(running, loaded, ringMembers);
        if (!problems.isEmpty()) {
            return new ReloadPlan(ReloadVerdict.invalid(nodeId, problems), running, OptionalInt.empty(),
                    OptionalInt.empty());
        }
        LoggingSettings logging = new LoggingSettings(loaded.logging().level(), loaded.logging().toStderr(),
                loaded.logging().logfile(), loaded.logging().subsystemLevels(), running.logging().blackboxEvents());
        RingsyncSettings next = new RingsyncSettings(running.clusterName(), nodeId,
                NodelistReload.nodelist(running, loaded), NodelistReload.totem(running, loaded),
                NodelistReload.quorum(running, loaded), running.crypto(), running.transport(), running.links(),
                running.system(), logging, running.source(), running.ckpt());
        int oldVotes = running.localNode().votes();
        int newVotes = next.localNode().votes();
        OptionalInt votes = oldVotes == newVotes ? OptionalInt.empty() : OptionalInt.of(newVotes);
        List<String> applied = NodelistReload.marked(changes(running, next));
        return new ReloadPlan(new ReloadVerdict(nodeId, true, applied, changes(next, loaded), List.of()), next, votes,
                NodelistReload.expectedVotesChange(running, next));
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
                localVotes, expectedVotes);
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
