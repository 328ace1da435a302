package io.ringsync.protocol.totem.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.MemberEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The seeded property test of EVS recovery (STYLE.md rule 11). Each seed builds an old ring of
 * 3 to 5 nodes whose holdings are consistent with Totem: a node holds every seq up to its aru
 * and its own messages, plus a random part of the rest; its safe-stability bound is at most the
 * lowest aru of the whole old ring; it delivered a prefix that the agreed and safe rules allow
 * and freed part of it. A random part of the old ring moves into a new ring, with members from
 * another ring. After the recovery exchange (what every transitional member re-originates, plus
 * foreign-ring noise, in random order, reaching every transitional member), it checks:
 * <ul>
 * <li>every transitional member's old-ring history (its delivered prefix, then
 *     {@link EvsDelivery#sequence}) is identical;</li>
 * <li>the configurations: transitional = the moving nodes, left = the others, joined = the
 *     other ring's nodes;</li>
 * <li>no loss: a message any transitional member held is delivered unless it follows the
 *     first hole and its sender left; SAFE messages before the transitional configuration were
 *     held by every old member.</li>
 * </ul>
 * Every assertion message names the seed; to replay a failure, set {@link #REPLAY_SEED} to it.
 */
class EvsRecoverySimulationTest {

    /** Set to a failing seed to run only that one; 0 runs the normal range. */
    private static final long REPLAY_SEED = 0;
    private static final long FIRST_SEED = 0x0E_5E_00_00L;
    private static final int SEEDS = 3000;
    private static final RingId OLD = new RingId(1, 8);
    private static final RingId OTHER = new RingId(10, 4);

    /** How many seeds exercised each interesting path. */
    private static final class Coverage {
        int retransmission;
        int noRetransmission;
        int skippedDeparted;
        int safeInTransitional;
    }

    @Test
    void everyTransitionalMemberDeliversTheSameOldRingHistory() {
        List<Long> seeds = REPLAY_SEED != 0 ? List.of(REPLAY_SEED)
                : LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS).boxed().toList();
        Coverage coverage = new Coverage();
        for (long seed : seeds) {
            runOne(seed, coverage);
        }
        System.out.printf("EvsRecoverySimulationTest: %d seeds from %d; retransmission %d, none %d,"
                        + " departed senders skipped %d, SAFE in transitional %d%n", seeds.size(), seeds.get(0),
                coverage.retransmission, coverage.noRetransmission, coverage.skippedDeparted,
                coverage.safeInTransitional);
        assertTrue(REPLAY_SEED != 0 || (coverage.retransmission > 0 && coverage.noRetransmission > 0
                && coverage.skippedDeparted > 0 && coverage.safeInTransitional > 0), "the seeds cover every path");
    }

    private static void runOne(long seed, Coverage coverage) {
        Random random = new Random(seed);
        String why = "seed " + seed;
        RingConfiguration oldRing = new RingConfiguration(OLD,
                IntStream.rangeClosed(1, 3 + random.nextInt(3)).boxed().toList());
        List<OrderedMessage> messages = LongStream.rangeClosed(1, random.nextInt(25))
                .mapToObj(seq -> OldRings.message(OLD, seq, oldRing.members().get(random.nextInt(oldRing.members().size())),
                        random.nextInt(10) < 3 ? Delivery.SAFE : Delivery.AGREED)).toList();
        boolean everyoneHoldsAll = random.nextInt(4) == 0;
        Map<Integer, NavigableMap<Long, OrderedMessage>> holdings = new TreeMap<>();
        for (int node : oldRing.members()) {
            holdings.put(node, holdingsOf(node, messages, everyoneHoldsAll, random));
        }
        long ringMinAru = holdings.values().stream().mapToLong(EvsRecoverySimulationTest::aruOf).min().orElseThrow();

        List<Integer> moving = new ArrayList<>(oldRing.members().stream().filter(n -> random.nextInt(5) < 3).toList());
        if (moving.isEmpty()) {
            moving.add(oldRing.members().get(random.nextInt(oldRing.members().size())));
        }
        List<Integer> joiners = IntStream.range(0, random.nextInt(3)).map(i -> 10 + i).boxed().toList();
        Map<Integer, OldRingState> states = new TreeMap<>();
        Map<Integer, MemberEntry> entries = new TreeMap<>();
        for (int node : moving) {
            OldRingState state = stateOf(node, oldRing, holdings.get(node), ringMinAru, messages, random);
            states.put(node, state);
            entries.put(node, new MemberEntry(OLD, state.aru(), state.highDelivered(), state.aru() == state.highSeq()));
        }
        joiners.forEach(j -> entries.put(j, new MemberEntry(OTHER, 3, 3, true)));
        List<Integer> newMembers = List.copyOf(entries.keySet());
        CommitToken token = OldRings.completed(new RingId(newMembers.get(0), 12), newMembers,
                List.copyOf(entries.values()));

        List<RecoveredMessage> exchanged = new ArrayList<>();
        boolean retransmission = false;
        for (OldRingState state : states.values()) {
            RecoveryPlan plan = RecoveryPlan.compute(state, token);
            retransmission = plan.retransmissionNeeded();
            exchanged.addAll(plan.toReoriginate());
        }
        joiners.forEach(j -> exchanged.add(new RecoveredMessage(OldRings.message(OTHER, 1, j, Delivery.AGREED))));
        Collections.shuffle(exchanged, random);
        coverage.retransmission += retransmission ? 1 : 0;
        coverage.noRetransmission += retransmission ? 0 : 1;

        List<EvsEvent> expected = null;
        for (OldRingState state : states.values()) {
            List<EvsEvent> history = new ArrayList<>(messages.subList(0, (int) state.highDelivered()).stream()
                    .map(m -> (EvsEvent) new EvsEvent.Deliver(m)).toList());
            history.addAll(EvsDelivery.sequence(state.withRecovered(exchanged), token));
            if (expected == null) {
                expected = history;
            }
            assertEquals(expected, history, why + ": node " + state.myNodeId() + " differs");
        }
        checkHistory(expected, oldRing, moving, joiners, holdings, ringMinAru, why, coverage);
    }

    /** Every seq up to a random cut, the node's own messages, and a third of the rest (or all). */
    private static NavigableMap<Long, OrderedMessage> holdingsOf(int node, List<OrderedMessage> messages,
                                                                 boolean all, Random random) {
        int cut = all ? messages.size() : random.nextInt(messages.size() + 1);
        NavigableMap<Long, OrderedMessage> held = new TreeMap<>();
        for (OrderedMessage m : messages) {
            if (m.seq() <= cut || m.senderNodeId() == node || random.nextInt(3) == 0) {
                held.put(m.seq(), m);
            }
        }
        return held;
    }

    /** A Totem-consistent state: stable at most the ring's lowest aru, a deliverable prefix, part freed. */
    private static OldRingState stateOf(int node, RingConfiguration oldRing, NavigableMap<Long, OrderedMessage> held,
                                        long ringMinAru, List<OrderedMessage> messages, Random random) {
        long aru = aruOf(held);
        long stable = random.nextInt((int) ringMinAru + 1);
        long deliverable = 0;
        while (deliverable < aru && (messages.get((int) deliverable).delivery() == Delivery.AGREED
                || deliverable + 1 <= stable)) {
            deliverable++;
        }
        long highDelivered = random.nextInt((int) deliverable + 1);
        long released = random.nextInt((int) Math.min(stable, highDelivered) + 1);
        return new OldRingState(node, oldRing, held.tailMap(released, false), aru,
                held.isEmpty() ? 0 : held.lastKey(), highDelivered);
    }

    private static long aruOf(NavigableMap<Long, OrderedMessage> held) {
        long aru = 0;
        while (held.containsKey(aru + 1)) {
            aru++;
        }
        return aru;
    }

    /** Configurations, no loss, SAFE stability, seq order. */
    private static void checkHistory(List<EvsEvent> history, RingConfiguration oldRing, List<Integer> moving,
                                     List<Integer> joiners, Map<Integer, NavigableMap<Long, OrderedMessage>> holdings,
                                     long ringMinAru, String why, Coverage coverage) {
        int transitionalAt = IntStream.range(0, history.size())
                .filter(i -> history.get(i) instanceof EvsEvent.TransitionalConfiguration).findFirst().orElseThrow();
        EvsEvent.RegularConfiguration regular = (EvsEvent.RegularConfiguration) history.get(history.size() - 1);
        List<Integer> left = oldRing.members().stream().filter(n -> !moving.contains(n)).toList();
        assertEquals(new EvsEvent.TransitionalConfiguration(regular.newRingId(), moving, left),
                history.get(transitionalAt), why);
        assertEquals(joiners, regular.joined(), why);

        TreeSet<Long> union = new TreeSet<>();
        moving.forEach(n -> union.addAll(holdings.get(n).keySet()));
        long firstHole = 1;
        while (union.contains(firstHole)) {
            firstHole++;
        }
        List<OrderedMessage> expected = new ArrayList<>();
        for (long seq : union) {
            OrderedMessage m = moving.stream().map(n -> holdings.get(n).get(seq)).filter(x -> x != null).findFirst()
                    .orElseThrow();
            if (seq < firstHole || moving.contains(m.senderNodeId())) {
                expected.add(m);
            } else {
                coverage.skippedDeparted++;
            }
        }
        List<OrderedMessage> delivered = history.stream().filter(e -> e instanceof EvsEvent.Deliver)
                .map(e -> ((EvsEvent.Deliver) e).message()).toList();
        assertEquals(expected, delivered, why + ": delivered in seq order, nothing lost");
        for (int i = 0; i < transitionalAt; i++) {
            OrderedMessage m = ((EvsEvent.Deliver) history.get(i)).message();
            assertTrue(m.delivery() == Delivery.AGREED || m.seq() <= ringMinAru,
                    why + ": SAFE " + m + " delivered in the old configuration but not held by every old member");
        }
        if (history.subList(transitionalAt, history.size()).stream()
                .anyMatch(e -> e instanceof EvsEvent.Deliver d && d.message().delivery() == Delivery.SAFE)) {
            coverage.safeInTransitional++;
        }
    }
}
