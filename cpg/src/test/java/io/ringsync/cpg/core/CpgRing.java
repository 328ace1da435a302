package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
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
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A pure test harness standing in for Totem under several {@link CpgCore}s, each behind its own
 * {@link ServiceChannel}: every node of a ring gets the same {@link TotemEvent}s in the same order.
 * Nodes queue what they multicast (sync messages, and application messages, held while the node's
 * sync round runs, as Totem's holdUntilSynced does); {@link #settle()} delivers the queues
 * round-robin over the senders, each message to every node of the sender's ring, until nothing is
 * left. {@link #form} installs rings with extended virtual synchrony's configuration pair
 * (TRANSITIONAL: the nodes that come from this node's old ring; REGULAR: the new ring); queued
 * messages survive a ring change, as messages Totem had not originated do. Every notification a
 * core emits is recorded per node.
 */
final class CpgRing {

    /** One simulated node. */
    static final class Node {
        final int id;
        final CpgCore core;
        final ServiceChannel channel;
        final List<CpgNotification> received = new ArrayList<>();
        final Deque<Delivered> syncQueue = new ArrayDeque<>();
        final Deque<Delivered> appQueue = new ArrayDeque<>();
        RingId ring;
        List<Integer> regularMembers = List.of();

        Node(int id) {
            this.id = id;
            this.core = new CpgCore(id);
            this.channel = new ServiceChannel(core);
        }
    }

    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final Map<RingId, Long> seqs = new HashMap<>();
    private long ringSeq;

    /** Nodes {@code ids}, not yet in any ring. */
    CpgRing(int... ids) {
        for (int id : ids) {
            nodes.put(id, new Node(id));
        }
    }

    Node node(int id) {
        return nodes.get(id);
    }

    CpgCore core(int id) {
        return nodes.get(id).core;
    }

    /** Installs one new ring per part (each part's nodes must be running), without delivering anything. */
    @SafeVarargs
    final void form(List<Integer>... parts) {
        Map<Integer, RingId> oldRings = new TreeMap<>();
        nodes.values().forEach(n -> oldRings.put(n.id, n.ring));
        for (List<Integer> part : parts) {
            ringSeq += 4;
            RingId ring = new RingId(part.stream().min(Integer::compare).orElseThrow(), ringSeq);
            for (int id : part) {
                Node node = nodes.get(id);
                List<Integer> trans = node.ring == null ? List.of(id)
                        : part.stream().filter(other -> node.ring.equals(oldRings.get(other))).toList();
                List<Integer> left = node.regularMembers.stream().filter(m -> !part.contains(m)).toList();
                List<Integer> transLeft = node.regularMembers.stream().filter(m -> !trans.contains(m)).toList();
                List<Integer> joined = part.stream().filter(m -> !node.regularMembers.contains(m)).toList();
                feed(node, new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, ring, trans, transLeft, List.of()));
                feed(node, new ConfigurationChanged(ConfigurationKind.REGULAR, ring, part, left, joined));
                node.ring = ring;
                node.regularMembers = List.copyOf(part);
            }
        }
    }

    /** Node {@code id} crashes: it and its queued messages are gone. */
    void crash(int id) {
        nodes.remove(id);
    }

    /** Node {@code id} starts (again) with a fresh core, in no ring. */
    Node start(int id) {
        Node node = new Node(id);
        nodes.put(id, node);
        return node;
    }

    /** Delivers every queued message, round-robin over the senders, until every queue is empty. */
    void settle() {
        boolean delivered = true;
        while (delivered) {
            delivered = false;
            for (Node sender : List.copyOf(nodes.values())) {
                delivered |= deliverOne(sender);
            }
        }
    }

    /** Delivers at most one message of {@code sender}'s (sync first; application ones once it synced). */
    boolean deliverOne(Node sender) {
        Deque<Delivered> queue = !sender.syncQueue.isEmpty() ? sender.syncQueue
                : sender.channel.syncing() ? null : sender.appQueue;
        if (queue == null || queue.isEmpty() || sender.ring == null) {
            return false;
        }
        Delivered queued = queue.poll();
        long seq = seqs.merge(sender.ring, 1L, Long::sum);
        Delivered message = new Delivered(sender.id, sender.ring, seq, queued.delivery(), queued.payload());
        for (Node receiver : List.copyOf(nodes.values())) {
            if (sender.ring.equals(receiver.ring)) {
                feed(receiver, message);
            }
        }
        return true;
    }

    /** Process {@code pid} of node {@code id} joins {@code group}; the core's answer. */
    CpgResult join(int id, String group, long pid) {
        Node node = nodes.get(id);
        return queue(node, node.core.join(new CpgHandle(group, pid), false), Delivery.AGREED);
    }

    CpgResult leave(int id, String group, long pid) {
        Node node = nodes.get(id);
        return queue(node, node.core.leave(new CpgHandle(group, pid)), Delivery.AGREED);
    }

    CpgResult mcast(int id, String group, long pid, byte[] payload, Delivery delivery) {
        Node node = nodes.get(id);
        return queue(node, node.core.mcast(new CpgHandle(group, pid), payload), delivery);
    }

    /** The client of process {@code pid} in {@code group} on node {@code id} goes away. */
    void vanish(int id, String group, long pid) {
        Node node = nodes.get(id);
        node.core.vanished(new CpgHandle(group, pid));
        collect(node);
    }

    /** Events node {@code id} gave to its process {@code pid} in {@code group}, in order. */
    List<CpgEvent> events(int id, String group, long pid) {
        return eventsOf(id, n -> n.handle().equals(new CpgHandle(group, pid)));
    }

    /** The configuration changes node {@code id} gave its process {@code pid} in {@code group}. */
    List<CpgConfChg> confChgs(int id, String group, long pid) {
        return events(id, group, pid).stream().filter(CpgConfChg.class::isInstance).map(CpgConfChg.class::cast).toList();
    }

    List<CpgEvent> eventsOf(int id, Predicate<CpgNotification> which) {
        return nodes.get(id).received.stream().filter(which).map(CpgNotification::event).toList();
    }

    /** Forgets every recorded notification. */
    void clearReceived() {
        nodes.values().forEach(n -> n.received.clear());
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    private CpgResult queue(Node node, CpgCore.Admission admission, Delivery delivery) {
        if (admission.admitted()) {
            node.appQueue.add(appMessage(node, delivery, admission.message()));
        }
        collect(node);
        return admission.result();
    }

    private void feed(Node node, TotemEvent event) {
        for (ServiceChannel.Action action : node.channel.onEvent(event)) {
            if (action instanceof ServiceChannel.MulticastSync sync) {
                node.syncQueue.add(new Delivered(node.id, new RingId(1, 0), 0, Delivery.AGREED, sync.payload()));
            }
        }
        collect(node);
    }

    /** Records the core's notifications and queues its PROCDOWN leaves. */
    private void collect(Node node) {
        node.received.addAll(node.core.takeNotifications());
        for (CpgCore.ProcDown procDown : node.core.takeProcDowns()) {
            node.appQueue.add(appMessage(node, Delivery.AGREED, procDown.message()));
        }
    }

    private static Delivered appMessage(Node node, Delivery delivery, byte[] body) {
        return new Delivered(node.id, new RingId(1, 0), 0, delivery, ServiceEnvelope.app(ServiceId.CPG, body));
    }
}
