package io.ringsync.protocol.transport.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fault filter's decisions on plain values: cuts in each direction, heal, seeded loss, duplication and reordering. */
class FaultFilterTest {

    private final FaultFilter<String> filter = new FaultFilter<>();
    private final List<String> delivered = new ArrayList<>();

    private void receive(int sender, String frame, long nowNs) {
        filter.inbound(sender, frame, nowNs, delivered::add);
    }

    /** Frames "f0".."f(n-1)" from node 2, 1 µs apart, the held frame released when due in between. */
    private List<String> receiveMany(int n) {
        for (int i = 0; i < n; i++) {
            filter.releaseDue(i * 1_000L, delivered::add);
            receive(2, "f" + i, i * 1_000L);
        }
        filter.releaseDue(Long.MAX_VALUE / 2, delivered::add);
        return List.copyOf(delivered);
    }

    @Test
    void withoutAPlanEveryFrameGoesThroughInOrder() {
        assertTrue(filter.passesOutbound(2));
        assertEquals(List.of("f0", "f1", "f2"), receiveMany(3));
        assertEquals(new FaultStatus(FaultPlan.NONE, 0, 0, 0, 0, 0, 0), filter.status());
    }

    @Test
    void aSymmetricCutDropsBothWaysOnlyForTheCutPeers() {
        filter.change(FaultChange.Cut.both(Set.of(4, 5)));
        assertFalse(filter.passesOutbound(4));
        assertFalse(filter.passesOutbound(5));
        assertTrue(filter.passesOutbound(2));
        receive(4, "from4", 0);
        receive(2, "from2", 0);
        receive(5, "from5", 0);
        assertEquals(List.of("from2"), delivered);
        FaultStatus status = filter.status();
        assertEquals(List.of(2L, 2L), List.of(status.cutOutbound(), status.cutInbound()));
        assertEquals(Set.of(4, 5), status.plan().cutTo());
    }

    @Test
    void anAsymmetricCutDropsOneDirectionAndCutsAccumulate() {
        filter.change(new FaultChange.Cut(Set.of(3), Set.of()));
        assertFalse(filter.passesOutbound(3), "this node no longer reaches 3");
        receive(3, "from3", 0);
        assertEquals(List.of("from3"), delivered, "but still hears it");

        filter.change(new FaultChange.Cut(Set.of(), Set.of(2)));
        receive(2, "from2", 0);
        assertEquals(List.of("from3"), delivered);
        assertEquals(new FaultPlan(Set.of(3), Set.of(2), 0, 0, 0, 0), filter.plan(), "the first cut stays");
    }

    @Test
    void healRestoresEveryDirectionAndStopsRandomFaults() {
        filter.change(FaultChange.Cut.both(Set.of(2)));
        filter.change(new FaultChange.Disturb(0.5, 0, 0, 1));
        filter.change(FaultChange.Heal.INSTANCE);
        assertTrue(filter.passesOutbound(2));
        assertEquals(List.of("f0", "f1", "f2", "f3"), receiveMany(4));
        assertEquals(FaultPlan.NONE, filter.plan());
    }

    @Test
    void lossDropsAboutItsShareAndTheSameSeedDropsTheSameFrames() {
        filter.change(new FaultChange.Disturb(0.2, 0, 0, 42));
        List<String> first = receiveMany(10_000);
        long lost = filter.status().lost();
        assertEquals(10_000 - first.size(), lost);
        assertTrue(lost > 1_700 && lost < 2_300, "about 20% of 10,000 lost: " + lost);

        FaultFilter<String> again = new FaultFilter<>();
        again.change(new FaultChange.Disturb(0.2, 0, 0, 42));
        List<String> second = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> again.inbound(2, "f" + i, i * 1_000L, second::add));
        assertEquals(first, second, "one seed, one history");

        FaultFilter<String> other = new FaultFilter<>();
        other.change(new FaultChange.Disturb(0.2, 0, 0, 43));
        List<String> third = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> other.inbound(2, "f" + i, i * 1_000L, third::add));
        assertFalse(first.equals(third), "another seed, another history");
    }

    @Test
    void aDuplicatedFrameIsDeliveredTwiceInPlace() {
        filter.change(new FaultChange.Disturb(0, 1, 0, 7));
        assertEquals(List.of("f0", "f0", "f1", "f1"), receiveMany(2));
        assertEquals(2, filter.status().duplicated());
    }

    @Test
    void aHeldFrameIsOvertakenByTheNextFrameOrReleasedLateInOrder() {
        filter.change(new FaultChange.Disturb(0, 0, 1, 7));
        receive(2, "a", 0);
        receive(2, "b", 10);
        assertEquals(List.of("b", "a"), delivered, "b overtook a; b itself was not held, one frame is held at a time");
        receive(2, "c", 20);
        assertEquals(0, filter.releaseDue(20 + FaultFilter.MAX_HOLD_NS - 1, delivered::add), "not due yet");
        assertEquals(1, filter.releaseDue(20 + FaultFilter.MAX_HOLD_NS, delivered::add));
        assertEquals(List.of("b", "a", "c"), delivered);
        FaultStatus status = filter.status();
        assertEquals(List.of(1L, 1L), List.of(status.reordered(), status.delayed()));
    }

    @Test
    void aFrameHeldWhenReorderingStopsIsReleasedAtOnce() {
        filter.change(new FaultChange.Disturb(0, 0, 1, 7));
        receive(2, "a", 0);
        filter.change(FaultChange.Heal.INSTANCE);
        assertEquals(1, filter.releaseDue(1, delivered::add));
        assertEquals(List.of("a"), delivered);
    }

    @Test
    void mixedSharesEachTakeTheirPart() {
        filter.change(new FaultChange.Disturb(0.1, 0.1, 0.1, 5));
        List<String> out = receiveMany(10_000);
        FaultStatus s = filter.status();
        for (long count : List.of(s.lost(), s.duplicated(), s.reordered() + s.delayed())) {
            assertTrue(count > 800 && count < 1_200, "about 10% each: " + s);
        }
        assertEquals(10_000 - s.lost() + s.duplicated(), out.size());
        assertEquals(Set.copyOf(out).size() + s.duplicated(), out.size(), "only duplicates repeat");
    }

    @Test
    void changesAreCheckedAgainstTheNodelist() {
        Set<Integer> peers = Set.of(2, 3);
        assertEquals(Optional.empty(), FaultChange.Cut.both(Set.of(2)).check(1, peers));
        assertEquals(Optional.of("node 1 cannot be cut from itself"), FaultChange.Cut.both(Set.of(1, 2)).check(1, peers));
        assertEquals(Optional.of("no such peer in the nodelist: [7, 9] (peers: [2, 3])"),
                new FaultChange.Cut(Set.of(9), Set.of(7)).check(1, peers));
        assertEquals(Optional.of("a cut names at least one node to cut to or from"),
                new FaultChange.Cut(Set.of(), Set.of()).check(1, peers));
        assertEquals(Optional.of("drop share must be between 0 and 1, got 1.5"),
                new FaultChange.Disturb(1.5, 0, 0, 1).check(1, peers));
        assertEquals(Optional.of("drop, duplicate and reorder shares add up to more than 1: 0.5 + 0.5 + 0.5"),
                new FaultChange.Disturb(0.5, 0.5, 0.5, 1).check(1, peers));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan(Set.of(), Set.of(), -0.1, 0, 0, 0));
    }

    @Test
    void plansAndCountersReadAsOneLine() {
        assertEquals("no fault", FaultPlan.NONE.describe());
        FaultPlan plan = new FaultPlan(Set.of(5, 4), Set.of(4), 0.05, 0.125, 0, 7);
        assertEquals("cut to [4, 5], from [4]; drop 5%, duplicate 12.5%, reorder 0% (seed 7)", plan.describe());
        FaultStatus status = new FaultStatus(plan, 1, 2, 3, 4, 5, 6);
        assertEquals(Map.of("cut_outbound", 1L, "cut_inbound", 2L, "lost", 3L, "duplicated", 4L, "reordered", 5L,
                "delayed", 6L), status.counters());
        assertTrue(status.describe().endsWith("dropped 1 outbound and 2 inbound at cuts, lost 3, duplicated 4, "
                + "reordered 5, delayed 6"), status.describe());
    }
}
