package io.ringsync.node.fault;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.dispatch.ExecutionContexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The actors of a node that {@code ringsync fault kill-actor PATH} may make fail: the node
 * guardian's supervised children (transport, link monitor, Totem, the sync barrier, each service,
 * the IPC endpoint), registered as they are spawned, each with the number of times it started.
 * Only a node with {@code transport.fault_injection} registers any (its children are then
 * {@link ActorCrash#crashable}); otherwise every request is refused.
 *
 * <p>A path is written as Akka prints it ({@code akka://ringsync-node1/user/totem}), without the
 * address ({@code /user/totem}) or as the child's name alone ({@code totem}). The failure comes
 * {@link #KILL_DELAY} after the request is answered, so that the answer leaves first even when
 * the IPC endpoint itself is the one killed. Thread-safe: the guardian registers, connection
 * threads read.
 */
public final class KillableActors {

    /** How long after the request the actor fails. */
    public static final Duration KILL_DELAY = Duration.ofMillis(100);

    /** One killable actor: its path without address, and how often its supervisor restarted it so far. */
    public record Killable(String path, int restarts) {
    }

    private record Entry(ActorRef<?> actor, AtomicInteger starts) {
    }

    private final int nodeId;
    private final boolean enabled;
    private final Map<String, Entry> byPath = new LinkedHashMap<>();

    /** The registry of node {@code nodeId}, which refuses every request unless {@code enabled}. */
    public KillableActors(int nodeId, boolean enabled) {
        this.nodeId = nodeId;
        this.enabled = enabled;
    }

    /** True when the node's children are to be made crashable and registered. */
    public boolean enabled() {
        return enabled;
    }

    /** Registers {@code actor}, whose behavior counts its starts in {@code starts} (the first one included). */
    public synchronized void add(ActorRef<?> actor, AtomicInteger starts) {
        byPath.put(actor.path().toStringWithoutAddress(), new Entry(actor, starts));
    }

    /** The killable actors, in the order they were spawned. */
    public synchronized List<Killable> list() {
        refuseUnlessEnabled();
        List<Killable> list = new ArrayList<>();
        byPath.forEach((path, entry) -> list.add(new Killable(path, Math.max(0, entry.starts().get() - 1))));
        return list;
    }

    /**
     * Makes the actor at {@code path} fail ({@link #KILL_DELAY} from now) and returns its path
     * without address; an unknown path is refused with the known ones.
     *
     * @throws IllegalArgumentException for an unknown path
     * @throws IllegalStateException when fault injection is off
     */
    public synchronized String kill(String path, Scheduler scheduler) {
        refuseUnlessEnabled();
        String key = resolve(path);
        ActorRef<?> actor = byPath.get(key).actor();
        scheduler.scheduleOnce(KILL_DELAY, () -> ActorCrash.crash(actor), ExecutionContexts.fromExecutor(Runnable::run));
        return key;
    }

    private String resolve(String path) {
        for (var entry : byPath.entrySet()) {
            String key = entry.getKey();
            if (path.equals(key) || path.equals(entry.getValue().actor().path().toString())
                    || path.equals(entry.getValue().actor().path().name())) {
                return key;
            }
        }
        throw new IllegalArgumentException("no killable actor \"" + path + "\" on node " + nodeId + " (killable: "
                + String.join(", ", byPath.keySet()) + ")");
    }

    private void refuseUnlessEnabled() {
        if (!enabled) {
            throw new IllegalStateException("fault injection is off on node " + nodeId
                    + " (set transport.fault_injection = true in its config; test clusters only)");
        }
    }
}
