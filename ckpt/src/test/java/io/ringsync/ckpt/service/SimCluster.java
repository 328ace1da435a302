package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.StoreLimits;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Test harness: N nodes' {@link CkptNodeCore}s behind their {@link ServiceChannel}s, fed the
 * event streams Totem would give them. Each ring orders its members' multicasts into one
 * sequence (interleaved by a seeded random) and delivers every message to every member in that
 * order; sync messages go first, application messages only once every member has activated, as
 * Totem's sync hook holds them. A configuration change gives every member of a new ring its
 * TRANSITIONAL (who came along from its old ring) and REGULAR configurations; application
 * messages not yet delivered stay queued at their sender and go out in the new ring, as Totem
 * re-queues them. A crashed node vanishes with its queue.
 */
final class SimCluster {

    static final StoreLimits LIMITS = new StoreLimits(100, 10_000_000);
    static final long TIMEOUT_NS = 1_000_000_000L;

    /** One simulated node. */
    final class Node {
        final int id;
        final CkptNodeCore core;
        final ServiceChannel channel;
        final Deque<byte[]> syncQueue = new ArrayDeque<>();
        final Deque<byte[]> appQueue = new ArrayDeque<>();
        List<Integer> ring = List.of();

        Node(int id) {
            this.id = id;
            this.core = new CkptNodeCore(id, LIMITS, 900_000, TIMEOUT_NS, id * 1_000_000L);
            this.channel = new ServiceChannel(core.service());
        }

        /** Submits a call; its reply (if it comes) is the list's element once delivered. */
        <R> List<R> call(CkptCall<R> call) {
            List<R> replies = new ArrayList<>();
            core.submit(call, replies::add, now).ifPresent(out -> appQueue.add(ServiceEnvelope.app(ServiceId.CKPT, out.body())));
            flushOwn();
            return replies;
        }

        /** Submits and delivers everything; the one reply. */
        <R> R await(CkptCall<R> call) {
            List<R> replies = call(call);
            deliverAll();
            if (replies.size() != 1) {
                throw new AssertionError("node " + id + ": " + replies.size() + " replies to " + call);
            }
            return replies.get(0);
        }

        void housekeeping(long epochNs) {
            core.housekeeping(now, epochNs).ifPresent(out -> appQueue.add(ServiceEnvelope.app(ServiceId.CKPT, out.body())));
            flushOwn();
        }

        void flushOwn() {
            core.drainOutgoing().forEach(out -> appQueue.add(ServiceEnvelope.app(ServiceId.CKPT, out.body())));
        }

        void feed(TotemEvent event) {
            for (ServiceChannel.Action action : channel.onEvent(event)) {
                if (action instanceof ServiceChannel.MulticastSync sync) {
                    syncQueue.add(sync.payload());
                }
            }
            flushOwn();
        }

        CkptReplica replica() {
            return core.replica();
        }
    }

    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final Random random;
    private final List<List<Integer>> rings = new ArrayList<>();
    private final Map<List<Integer>, RingId> ringIds = new java.util.HashMap<>();
    private long ringSeq;
    private long seq;
    long now;

    SimCluster(long seed) {
        this.random = new Random(seed);
    }

    Node node(int id) {
        return nodes.get(id);
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Starts nodes {@code ids} (fresh) and forms {@code partitions} as the new rings. */
    void form(List<List<Integer>> partitions) {
        ringSeq += 4;
        rings.clear();
        ringIds.clear();
        for (List<Integer> members : partitions) {
            List<Integer> sorted = List.copyOf(new TreeSet<>(members));
            RingId ring = new RingId(sorted.get(0), ringSeq);
            rings.add(sorted);
            ringIds.put(sorted, ring);
            for (int id : sorted) {
                Node node = nodes.computeIfAbsent(id, Node::new);
                List<Integer> came = node.ring.stream().filter(sorted::contains).toList();
                List<Integer> left = node.ring.stream().filter(m -> !sorted.contains(m)).toList();
                List<Integer> joined = sorted.stream().filter(m -> !node.ring.contains(m)).toList();
                if (!node.ring.isEmpty()) {
                    node.feed(new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, ring, came, left, List.of()));
                }
                node.feed(new ConfigurationChanged(ConfigurationKind.REGULAR, ring, sorted, left, joined));
                node.ring = sorted;
            }
        }
    }

    /** Node {@code id} crashes: it is gone with whatever it had queued. */
    void crash(int id) {
        nodes.remove(id);
    }

    /** Delivers until no member of any ring has anything queued. */
    void deliverAll() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (List<Integer> ring : rings) {
                moved |= deliverOne(ring);
            }
        }
    }

    private boolean deliverOne(List<Integer> ring) {
        List<Node> members = ring.stream().map(nodes::get).filter(n -> n != null).toList();
        List<Node> withSync = members.stream().filter(n -> !n.syncQueue.isEmpty()).toList();
        boolean synced = members.stream().noneMatch(n -> n.channel.syncing());
        List<Node> withApp = synced ? members.stream().filter(n -> !n.appQueue.isEmpty()).toList() : List.of();
        List<Node> senders = withSync.isEmpty() ? withApp : withSync;
        if (senders.isEmpty()) {
            return false;
        }
        Node sender = senders.get(random.nextInt(senders.size()));
        byte[] payload = withSync.isEmpty() ? sender.appQueue.poll() : sender.syncQueue.poll();
        Delivered delivered = new Delivered(sender.id, ringIds.get(ring), ++seq, Delivery.AGREED, payload);
        members.forEach(member -> member.feed(delivered));
        return true;
    }

    /** Delivers at most {@code count} messages (ring by ring). */
    void deliverSome(int count) {
        for (int i = 0; i < count; i++) {
            boolean moved = false;
            for (List<Integer> ring : rings) {
                moved |= deliverOne(ring);
            }
            if (!moved) {
                return;
            }
        }
    }

    /** Delivers each queued message to every member, one at a time, telling {@code each} after every step. */
    void deliverStepwise(Consumer<SimCluster> each) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (List<Integer> ring : rings) {
                moved |= deliverOne(ring);
                each.accept(this);
            }
        }
    }
}
