package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.OrderingSettings;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemMessage;
import io.ringsync.protocol.totem.membership.MembershipSettings;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TimerKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic simulator of N {@link SrpCore}s (issue 3 section 7; STYLE.md rule 11): a
 * simulated clock that jumps to the next event, and a simulated network with loss,
 * duplication, reordering (random delay per copy), symmetric and asymmetric partitions. Nodes
 * crash and restart (a new incarnation with the ring seq the old one persisted), have their
 * driver restarted ({@link #restartDriver}: a new incarnation that keeps the accepted messages,
 * as the Totem actor's supervisor restarts it), pause (events
 * for a paused node wait; its timers fire late, all at once, on resume) and leave gracefully.
 * Everything random comes from one seed, so a seed replays one history exactly.
 *
 * <p>It records what every process delivered ({@link DeliveryLog}) and checks on each SAFE
 * delivery in a regular configuration that every member of that configuration had received
 * the message (from the network copies it handed each node).
 */
final class SrpSimulation {

    static final long MS = 1_000_000L;

    /**
     * Simulation timers: token 200 ms, consensus 240, join 20, send_join {@code sendJoinMs} (0 is
     * Corosync's default), retransmit 50, hold 40, merge 50; chunks of 1 KiB, so the larger
     * messages of {@link #send} are fragmented. No token warning: it only logs, and an extra
     * timer would shift every seed's schedule.
     */
    static SrpSettings settings(long sendJoinMs, boolean syncLayer) {
        return new SrpSettings(new MembershipSettings(20, sendJoinMs, 240, 200),
                new OrderingSettings(17, 50, 5, 300, 2048, 64), 50, 40, 50, 30, 1024, 16 * 1024, syncLayer, 0);
    }

    /** Whether a simulated service sync layer holds application messages after each regular configuration. */
    boolean syncLayer() {
        return settings.holdUntilSynced();
    }

    private record Event(long atNs, long order, int node, int incarnation, Object what) {
    }

    private record Arrival(int from, TotemMessage message) {
    }

    private record Fire(TimerKind kind, long generation) {
    }

    /** One node: its current incarnation, if any. */
    private final class Node {
        final int id;
        SrpCore core;
        int incarnation;
        boolean up;
        long pausedUntilNs;
        long persistedRingSeq;
        int sentCount;
        String sender;
        AcceptedMessages accepted;
        DeliveryLog log;
        RingId syncRing;
        Set<Integer> syncPending = Set.of();
        final Map<TimerKind, Long> generations = new EnumMap<>(TimerKind.class);

        Node(int id) {
            this.id = id;
        }

        String process() {
            return "n" + id + "." + incarnation;
        }
    }

    private final long seed;
    private final SplittableRandom random;
    private final SrpSettings settings;
    private final List<Integer> nodelist = new ArrayList<>();
    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparingLong(Event::atNs).thenComparingLong(Event::order));
    private final List<DeliveryLog> logs = new ArrayList<>();
    private final Set<String> sent = new HashSet<>();
    private final Map<String, Long> sentAtNs = new HashMap<>();
    private final Map<String, Set<Integer>> received = new HashMap<>();
    private final Set<Long> blocked = new HashSet<>();
    private final List<String> safeViolations = new ArrayList<>();
    private final List<Runnable> afterBatch = new ArrayList<>();
    private int applyDepth;
    private double lossRate;
    private double duplicateRate;
    private long maxJitterNs = 2 * MS;
    private long order;
    private long nowNs;
    private long steps;
    private final Map<String, Long> eventCounts = new TreeMap<>();

    SrpSimulation(long seed, int n, SrpSettings settings) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.settings = settings;
        for (int id = 1; id <= n; id++) {
            nodelist.add(id);
            nodes.put(id, new Node(id));
        }
    }

    long seed() {
        return seed;
    }

    long nowNs() {
        return nowNs;
    }

    long steps() {
        return steps;
    }

    // ---- faults and workload ------------------------------------------------------------

    /** Boots (or restarts after a crash) node {@code id} now: a new incarnation. */
    void boot(int id) {
        boot(id, nodelist);
    }

    /** As {@link #boot(int)}, the node's core knowing only {@code knownNodes} (a config with another nodelist). */
    void boot(int id, List<Integer> knownNodes) {
        Node node = nodes.get(id);
        if (node.up) {
            return;
        }
        node.up = true;
        node.sentCount = 0;
        node.accepted = new AcceptedMessages();
        startIncarnation(node, knownNodes);
        node.sender = node.process();
    }

    /**
     * Restarts node {@code id}'s driver (the Totem actor restarted by its supervisor: a rejoin, a
     * crash or a kill of the actor): a new incarnation and core that takes over the messages the
     * old one accepted and did not originate ({@link AcceptedMessages}). Its later messages
     * continue the old incarnation's numbering, since to its clients it is the same sender.
     */
    void restartDriver(int id) {
        Node node = nodes.get(id);
        if (node.up) {
            startIncarnation(node, nodelist);
        }
    }

    private void startIncarnation(Node node, List<Integer> knownNodes) {
        node.incarnation++;
        node.pausedUntilNs = 0;
        node.generations.clear();
        node.syncRing = null;
        node.syncPending = Set.of();
        node.core = new SrpCore(node.id, knownNodes, settings,
                new SplittableRandom(seed * 7919 + node.id * 31L + node.incarnation), node.persistedRingSeq,
                node.accepted);
        node.log = new DeliveryLog(node.process());
        logs.add(node.log);
        apply(node, node.core.start(nowNs));
    }

    /** Kills node {@code id} at once (kill -9): its pending events and timers are lost. */
    void crash(int id) {
        Node node = nodes.get(id);
        node.up = false;
        node.core = null;
    }

    /** Graceful stop: the node sends its leave, then is gone. */
    void stopGracefully(int id) {
        Node node = nodes.get(id);
        if (node.up) {
            apply(node, node.core.leave(nowNs));
            crash(id);
        }
    }

    /** Pauses node {@code id} for {@code ms} (SIGSTOP then SIGCONT). */
    void pause(int id, long ms) {
        Node node = nodes.get(id);
        if (node.up) {
            node.pausedUntilNs = nowNs + ms * MS;
        }
    }

    /** Cuts the direction {@code from -> to}. */
    void cut(int from, int to) {
        blocked.add(((long) from << 32) | to);
    }

    /** Splits the nodes into {@code side} and the rest, both directions. */
    void partition(Set<Integer> side) {
        for (int a : nodelist) {
            for (int b : nodelist) {
                if (side.contains(a) != side.contains(b)) {
                    cut(a, b);
                }
            }
        }
    }

    /** Heals every cut and stops loss and duplication. */
    void healNetwork() {
        blocked.clear();
        lossRate = 0;
        duplicateRate = 0;
        maxJitterNs = 2 * MS;
    }

    /** Sets the share of copies dropped and duplicated and the reorder jitter. */
    void network(double loss, double duplicate, long jitterMs) {
        lossRate = loss;
        duplicateRate = duplicate;
        maxJitterNs = Math.max(1, jitterMs) * MS;
    }

    /**
     * Node {@code id} (if up and not paused) queues one application message, SAFE with
     * probability {@code safeShare}; one in ten is padded to 1..4 KiB (fragmented).
     */
    void send(int id, double safeShare) {
        Node node = nodes.get(id);
        if (!node.up || node.pausedUntilNs > nowNs) {
            return;
        }
        String payload = node.sender + "#" + (node.sentCount + 1);
        Delivery delivery = random.nextDouble() < safeShare ? Delivery.SAFE : Delivery.AGREED;
        String padded = random.nextInt(10) == 0 ? payload + " " + "x".repeat(1 + random.nextInt(4096)) : payload;
        if (node.core.enqueue(delivery, padded.getBytes(StandardCharsets.UTF_8))) {
            node.sentCount++;
            sent.add(payload);
            sentAtNs.put(payload, nowNs);
            apply(node, node.core.afterEnqueue(nowNs));
        }
    }

    /** Schedules {@code action} to run at {@code atMs}. */
    void at(long atMs, Runnable action) {
        queue.add(new Event(atMs * MS, order++, 0, 0, action));
    }

    // ---- running ------------------------------------------------------------------------

    /** Runs every event up to {@code untilMs}. */
    void runUntil(long untilMs) {
        long until = untilMs * MS;
        while (!queue.isEmpty() && queue.peek().atNs() <= until) {
            Event event = queue.poll();
            nowNs = Math.max(nowNs, event.atNs());
            steps++;
            if (steps > 5_000_000L) {
                throw new IllegalStateException("simulation runaway at " + nowNs / MS + " ms: " + describe() + " last events " + eventCounts);
            }
            handle(event);
        }
        nowNs = Math.max(nowNs, until);
    }

    private void handle(Event event) {
        if (event.what() instanceof Runnable action) {
            action.run();
            return;
        }
        Node node = nodes.get(event.node());
        if (!node.up || node.incarnation != event.incarnation()) {
            return;
        }
        if (node.pausedUntilNs > nowNs) {
            queue.add(new Event(node.pausedUntilNs, order++, event.node(), event.incarnation(), event.what()));
            return;
        }
        if (steps > 4_000_000L) {
            String what = event.what() instanceof Arrival a ? a.message().getClass().getSimpleName()
                    : event.what() instanceof Fire f ? f.kind().toString() : "other";
            eventCounts.merge(what, 1L, Long::sum);
        }
        if (event.what() instanceof Arrival arrival) {
            noteReceived(node.id, arrival.message());
            apply(node, node.core.onMessage(arrival.message(), nowNs));
        } else if (event.what() instanceof Fire fire) {
            if (node.generations.getOrDefault(fire.kind(), -1L) == fire.generation()) {
                node.generations.remove(fire.kind());
                apply(node, node.core.onTimeout(fire.kind(), nowNs));
            }
        }
        if (node.up) {
            node.core.checkInvariants();
        }
    }

    /**
     * Carries out a batch of effects in order. Calls into a core that an effect prompts (the
     * sync layer's barrier and completion) run after the whole batch, as a driver would, so
     * the logs keep the core's order.
     */
    private void apply(Node node, List<TotemEffect> effects) {
        applyDepth++;
        try {
            applyEach(node, effects);
        } finally {
            applyDepth--;
        }
        while (applyDepth == 0 && !afterBatch.isEmpty()) {
            afterBatch.remove(0).run();
        }
    }

    private void applyEach(Node node, List<TotemEffect> effects) {
        for (TotemEffect effect : effects) {
            if (effect instanceof TotemEffect.Send send) {
                transmit(node.id, send);
            } else if (effect instanceof TotemEffect.SetTimer set) {
                long generation = node.generations.getOrDefault(set.kind(), 0L) + 1 + order;
                node.generations.put(set.kind(), generation);
                queue.add(new Event(nowNs + set.delayMs() * MS, order++, node.id, node.incarnation,
                        new Fire(set.kind(), generation)));
            } else if (effect instanceof TotemEffect.CancelTimer cancel) {
                node.generations.remove(cancel.kind());
            } else if (effect instanceof TotemEffect.Deliver deliver) {
                onDeliver(node, deliver.message());
            } else if (effect instanceof TotemEffect.ConfigurationChange change) {
                node.log.configuration(change.kind(), change.ringId(), change.members());
                if (settings.holdUntilSynced() && change.kind() == ConfigurationKind.REGULAR) {
                    startSync(node, change.ringId(), change.members());
                }
            } else if (effect instanceof TotemEffect.PersistRingSeq persist) {
                node.persistedRingSeq = persist.ringSeq();
            }
        }
    }

    private void transmit(int from, TotemEffect.Send send) {
        if (send.message() instanceof OrderedMessage m && !m.isEncapsulated()) {
            received.computeIfAbsent(key(m.ringId(), m.seq()), k -> new HashSet<>()).add(from);
        }
        for (int to : send.toNodeIds()) {
            if (blocked.contains(((long) from << 32) | to) || random.nextDouble() < lossRate) {
                continue;
            }
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                Node target = nodes.get(to);
                long delay = 100_000 + random.nextLong(maxJitterNs);
                queue.add(new Event(nowNs + delay, order++, to, target.incarnation, new Arrival(from, send.message())));
            }
        }
    }

    private void noteReceived(int nodeId, TotemMessage message) {
        if (message instanceof OrderedMessage m && !m.isEncapsulated()) {
            received.computeIfAbsent(key(m.ringId(), m.seq()), k -> new HashSet<>()).add(nodeId);
        }
    }

    /**
     * Records a delivery; a SAFE one in a regular configuration must be held by every member of
     * it: its originator, and every node the network handed a copy to.
     */
    /**
     * The simulated service sync layer (with {@link SrpSettings#holdUntilSynced()}): at each
     * regular configuration a node multicasts a barrier on the sync channel; once the barriers
     * of every member of that ring are delivered, its round is complete.
     */
    private void startSync(Node node, RingId ringId, List<Integer> members) {
        node.syncRing = ringId;
        node.syncPending = new HashSet<>(members);
        SrpCore core = node.core;
        afterBatch.add(() -> {
            if (node.core == core) {
                core.enqueueSync(Delivery.AGREED, (SYNC_PREFIX + ringId + ":" + node.id).getBytes(StandardCharsets.UTF_8));
                apply(node, core.afterEnqueue(nowNs));
            }
        });
    }

    private void onSyncBarrier(Node node, String text) {
        String[] parts = text.split(":");
        if (node.syncRing == null || !node.syncRing.toString().equals(parts[1])) {
            return;
        }
        node.syncPending.remove(Integer.parseInt(parts[2]));
        if (node.syncPending.isEmpty()) {
            RingId ringId = node.syncRing;
            node.syncRing = null;
            node.log.syncDone(ringId);
            SrpCore core = node.core;
            afterBatch.add(() -> {
                if (node.core == core) {
                    apply(node, core.syncCompleted(ringId, nowNs));
                }
            });
        }
    }

    private static final String SYNC_PREFIX = "sync:";

    private void onDeliver(Node node, OrderedMessage message) {
        String text = new String(message.payload(), StandardCharsets.UTF_8);
        if (text.startsWith(SYNC_PREFIX)) {
            onSyncBarrier(node, text);
            return;
        }
        String payload = text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
        node.log.message(payload, message.senderNodeId(), message.ringId(), message.seq(), message.delivery());
        DeliveryLog.Configuration regular = node.log.lastRegular();
        boolean transitional = ((DeliveryLog.Message) node.log.entries().get(node.log.entries().size() - 1))
                .transitional();
        if (message.delivery() == Delivery.SAFE && !transitional && regular != null) {
            Set<Integer> holders = received.getOrDefault(key(message.ringId(), message.seq()), Set.of());
            for (int member : regular.members()) {
                if (!holders.contains(member) && member != message.senderNodeId()) {
                    safeViolations.add(node.process() + " delivered SAFE " + payload + " (" + message.ringId() + " seq "
                            + message.seq() + ") before member " + member + " of " + regular.ringId() + " held it");
                }
            }
        }
    }

    private static String key(RingId ringId, long seq) {
        return ringId + "/" + seq;
    }

    // ---- results ------------------------------------------------------------------------

    List<DeliveryLog> logs() {
        return logs;
    }

    Set<String> sent() {
        return sent;
    }

    long sentAtNs(String payload) {
        return sentAtNs.getOrDefault(payload, -1L);
    }

    List<String> safeViolations() {
        return safeViolations;
    }

    /** The ids of nodes up now. */
    List<Integer> upNodes() {
        return nodes.values().stream().filter(n -> n.up).map(n -> n.id).toList();
    }

    /** The current log of node {@code id} (its latest incarnation). */
    DeliveryLog logOf(int id) {
        return nodes.get(id).log;
    }

    /** The core of node {@code id}, or null when down. */
    SrpCore coreOf(int id) {
        return nodes.get(id).core;
    }

    /** Whether every up node is OPERATIONAL in one ring whose members are exactly the up nodes. */
    boolean oneRingOfAllUpNodes() {
        List<Integer> up = upNodes();
        Set<RingId> rings = new LinkedHashSet<>();
        for (int id : up) {
            SrpCore core = nodes.get(id).core;
            if (core.state() != MembershipState.OPERATIONAL || !core.ring().members().equals(up)) {
                return false;
            }
            rings.add(core.ring().ringId());
        }
        return rings.size() == 1;
    }

    /** A one-line description of every node's state, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes.values()) {
            text.append(node.process()).append(node.up ? "" : " (down)");
            if (node.up) {
                SrpCounters c = node.core.counters();
                text.append(' ').append(node.core.state()).append(' ').append(node.core.ring().ringId())
                        .append(node.core.ring().members()).append(" delivered=").append(c.delivered())
                        .append(" queued=").append(node.core.queuedApplication()).append(" timers=").append(node.generations.keySet()).append(" paused=").append(node.pausedUntilNs > nowNs).append(" held=")
                        .append(node.core.applicationHeld()).append(" tokens=").append(c.tokensReceived()).append(" ").append(node.core.windowDescription());
            }
            text.append("; ");
        }
        return text.toString();
    }
}
