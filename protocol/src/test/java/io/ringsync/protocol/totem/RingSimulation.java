package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * One seeded run of 3 to 5 {@link OrderingCore}s on a fixed ring over an in-memory network.
 * The seed decides everything: ring size and node ids, settings (window slots, queue bound,
 * miss_count_const), each node's messages and their AGREED/SAFE mix, drop and duplicate
 * probabilities, and the schedule (which in-flight multicast arrives next, so multicasts are
 * reordered, and when the token moves). The token itself is delivered reliably: token loss
 * needs membership. Safety is checked as the run goes (SAFE only once every node held it;
 * invariants after every step), agreement and completeness at the end.
 */
final class RingSimulation {

    private record Packet(int to, OrderedMessage message) {
    }

    /** Small windows (just above window_size 50) so the bound and the originate guard are exercised. */
    private static final int[] WINDOW_SLOTS = {51, 64, 128, ReceiveWindow.DEFAULT_CAPACITY};

    private final long seed;
    private final Random random;
    private final Map<Integer, OrderingCore> cores = new LinkedHashMap<>();
    private final Map<Integer, ArrayDeque<OrderedMessage>> plans = new HashMap<>();
    private final Map<Integer, List<OrderedMessage>> delivered = new HashMap<>();
    private final Map<Integer, Set<Long>> everHeld = new HashMap<>();
    private final Set<String> planned = new HashSet<>();
    private final List<Packet> inFlight = new ArrayList<>();
    private final double dropProbability;
    private final double duplicateProbability;
    private OrderingEffect.ForwardToken token;
    private int total;
    private long steps;

    RingSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.dropProbability = random.nextDouble() * 0.3;
        this.duplicateProbability = random.nextDouble() * 0.1;
        RingConfiguration ring = randomRing();
        OrderingSettings settings = new OrderingSettings(17, 50, 1 + random.nextInt(5), 2500,
                WINDOW_SLOTS[random.nextInt(WINDOW_SLOTS.length)], 2 + random.nextInt(15));
        double safeShare = random.nextDouble() * 0.6;
        for (int id : ring.members()) {
            cores.put(id, new OrderingCore(id, ring, settings));
            plans.put(id, plan(ring.ringId(), id, 1 + random.nextInt(40), safeShare));
            delivered.put(id, new ArrayList<>());
            everHeld.put(id, new HashSet<>());
        }
        token = new OrderingEffect.ForwardToken(ring.members().get(0), RegularToken.initial(ring.ringId()));
    }

    /** Runs until every node delivered every message (or fails after {@code maxSteps}); returns the steps. */
    long run(int maxSteps) {
        while (!allDelivered()) {
            if (++steps > maxSteps) {
                fail(what() + ": not everything delivered after " + steps + " steps; delivered "
                        + delivered.values().stream().map(List::size).toList() + " of " + total);
            }
            double choice = random.nextDouble();
            if (choice < 0.15) {
                enqueueAtRandomNode();
            } else if (choice < 0.7 && !inFlight.isEmpty()) {
                Packet packet = inFlight.remove(random.nextInt(inFlight.size()));
                receive(packet.to(), packet.message());
            } else {
                passToken();
            }
            cores.values().forEach(OrderingCore::checkInvariants);
        }
        checkAgreement();
        return steps;
    }

    /** Every core's counters after the run. */
    List<OrderingCounters> counters() {
        return cores.values().stream().map(OrderingCore::counters).toList();
    }

    /** SAFE messages delivered, over all nodes. */
    long safeDeliveries() {
        return delivered.values().stream().flatMap(List::stream).filter(m -> m.delivery() == Delivery.SAFE).count();
    }

    private RingConfiguration randomRing() {
        TreeSet<Integer> ids = new TreeSet<>();
        int size = 3 + random.nextInt(3);
        while (ids.size() < size) {
            ids.add(1 + random.nextInt(20));
        }
        return new RingConfiguration(new RingId(ids.first(), 4 + random.nextInt(100)), List.copyOf(ids));
    }

    /** The messages node {@code id} will originate; seqs are placeholders, the token assigns the real ones. */
    private ArrayDeque<OrderedMessage> plan(RingId ringId, int id, int count, double safeShare) {
        ArrayDeque<OrderedMessage> plan = new ArrayDeque<>();
        for (int k = 0; k < count; k++) {
            Delivery delivery = random.nextDouble() < safeShare ? Delivery.SAFE : Delivery.AGREED;
            byte[] payload = (id + ":" + k).getBytes(StandardCharsets.UTF_8);
            plan.add(new OrderedMessage(ringId, 1, id, delivery, payload));
            planned.add(identity(id, delivery, payload));
        }
        total += count;
        return plan;
    }

    private void enqueueAtRandomNode() {
        List<Integer> ids = List.copyOf(cores.keySet());
        int id = ids.get(random.nextInt(ids.size()));
        OrderedMessage next = plans.get(id).peek();
        if (next != null && cores.get(id).enqueue(next.delivery(), next.payload())) {
            plans.get(id).poll();
        }
    }

    private void passToken() {
        int at = token.toNodeId();
        apply(at, cores.get(at).onToken(token.token(), steps * 1_000L));
    }

    private void receive(int at, OrderedMessage message) {
        List<OrderingEffect> effects = cores.get(at).onMulticast(message, steps * 1_000L);
        if (cores.get(at).hasReceived(message.seq())) {
            everHeld.get(at).add(message.seq());
        }
        apply(at, effects);
    }

    private void apply(int at, List<OrderingEffect> effects) {
        for (OrderingEffect effect : effects) {
            if (effect instanceof OrderingEffect.Multicast m) {
                everHeld.get(at).add(m.message().seq());
                multicast(at, m.message());
            } else if (effect instanceof OrderingEffect.Retransmit r) {
                multicast(at, r.message());
            } else if (effect instanceof OrderingEffect.ForwardToken forward) {
                token = forward;
            } else if (effect instanceof OrderingEffect.Deliver d) {
                deliver(at, d.message());
            } else {
                fail(what() + ": node " + at + " " + effect);
            }
        }
    }

    /** Sends to every other node, each copy dropped or duplicated with the run's probabilities. */
    private void multicast(int from, OrderedMessage message) {
        for (int to : cores.keySet()) {
            if (to == from || random.nextDouble() < dropProbability) {
                continue;
            }
            inFlight.add(new Packet(to, message));
            if (random.nextDouble() < duplicateProbability) {
                inFlight.add(new Packet(to, message));
            }
        }
    }

    private void deliver(int at, OrderedMessage message) {
        if (message.delivery() == Delivery.SAFE) {
            everHeld.forEach((id, held) -> assertTrue(held.contains(message.seq()),
                    what() + ": SAFE seq " + message.seq() + " delivered at " + at + " before node " + id + " held it"));
        }
        delivered.get(at).add(message);
    }

    private boolean allDelivered() {
        return delivered.values().stream().allMatch(list -> list.size() >= total);
    }

    /** Same sequence everywhere, seqs 1..total without gap or duplicate, exactly the planned messages. */
    private void checkAgreement() {
        List<OrderedMessage> reference = delivered.values().iterator().next();
        List<Long> expectedSeqs = LongStream.rangeClosed(1, total).boxed().toList();
        assertEquals(expectedSeqs, reference.stream().map(OrderedMessage::seq).toList(), what() + ": seqs");
        Set<String> got = new HashSet<>();
        reference.forEach(m -> got.add(identity(m.senderNodeId(), m.delivery(), m.payload())));
        assertEquals(planned, got, what() + ": delivered messages differ from the planned ones");
        delivered.forEach((id, list) -> assertEquals(reference, list, what() + ": node " + id + " order differs"));
    }

    private static String identity(int sender, Delivery delivery, byte[] payload) {
        return sender + "/" + delivery + "/" + new String(payload, StandardCharsets.UTF_8);
    }

    private String what() {
        return "seed " + seed + " (" + cores.size() + " nodes, drop " + String.format("%.2f", dropProbability)
                + ", step " + steps + ")";
    }
}
