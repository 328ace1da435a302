package io.ringsync.node.cmap;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.KeyRing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The node's side of reloads in progress (the actor's helper; reading the file is I/O): the
 * settings the node runs with, and for each reload voted on but not yet decided, the plan of its
 * new file. A plan is applied only when the reload commits; otherwise it is dropped.
 */
final class ReloadCandidates {

    private final Map<String, ReloadPlan> plans = new HashMap<>();
    private final KeyRollover rollover;
    private RingsyncSettings running;

    ReloadCandidates(RingsyncSettings running, Optional<KeyRing> keyRing) {
        this.running = running;
        this.rollover = new KeyRollover(keyRing);
    }

    /** The settings the node runs with. */
    RingsyncSettings running() {
        return running;
    }

    /** Whether a reload waits for its decision. */
    boolean inProgress() {
        return !plans.isEmpty();
    }

    /** Re-reads the node's config file for reload {@code requestId} of {@code origin}, in a ring of {@code ringMembers}: this node's verdict. */
    ReloadVerdict validate(int origin, long requestId, List<Integer> ringMembers) {
        int nodeId = running.nodeId();
        if (running.source().isEmpty()) {
            return ReloadVerdict.invalid(nodeId, List.of("node " + nodeId + " was not started from a config file"));
        }
        ReloadPlan plan;
        try {
            RingsyncSettings loaded = ConfigLoader.load(running.source().get());
            plan = ReloadPlan.of(running, loaded, ringMembers);
            if (plan.verdict().valid()) {
                Optional<String> keyChange = rollover.prepare(key(origin, requestId), running, loaded);
                plan = keyChange.isEmpty() ? plan : plan.withKeyRollover(keyChange.get(), loaded.crypto());
            }
        } catch (AuthKeyException e) {
            return ReloadVerdict.invalid(nodeId, List.of("crypto.authkey: " + e.getMessage()));
        } catch (InvalidConfigException e) {
            return ReloadVerdict.invalid(nodeId, e.problems().stream().map(ConfigProblem::format).toList());
        } catch (RuntimeException e) {
            return ReloadVerdict.invalid(nodeId, List.of(running.source().get() + ": " + e.getMessage()));
        }
        if (plan.verdict().valid()) {
            plans.put(key(origin, requestId), plan);
        }
        return plan.verdict();
    }

    /** The plan of a decided reload, to apply when it committed; the node runs with its settings from now. */
    Optional<ReloadPlan> decided(int origin, long requestId, boolean commit) {
        ReloadPlan plan = plans.remove(key(origin, requestId));
        if (plan == null || !commit) {
            return Optional.empty();
        }
        running = plan.next();
        return Optional.of(plan);
    }

    /**
     * The key rollover of a decided reload ({@link KeyRollover#decided}): the key now sealed with,
     * whose predecessor is to be retired after {@link KeyRollover#GRACE}.
     */
    OptionalInt keyDecided(int origin, long requestId, boolean commit) {
        return rollover.decided(key(origin, requestId), commit);
    }

    /** Stops accepting every key but {@code keyId} ({@link KeyRollover#retire}). */
    void retireKey(int keyId) {
        rollover.retire(keyId);
    }

    /** The node's frame keys as CMAP shows them ({@link KeyRollover#keys}). */
    Map<String, CmapValue> cryptoKeys() {
        return rollover.keys();
    }

    private static String key(int origin, long requestId) {
        return origin + "/" + requestId;
    }
}
