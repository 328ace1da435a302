package io.ringsync.cpg.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The traffic checker finds what it must (an injected reorder, a gap, a duplicate, a corrupted or
 * resized message) and nothing else (a sender that left and came back with a later sequence);
 * equal orders give equal digests, different ones different digests.
 */
class TrafficCheckerTest {

    private static final String G = "verify";
    private static final CpgMember ME = new CpgMember(1, 100);
    private static final CpgMember OTHER = new CpgMember(2, 200);

    private static List<CpgEvent> traffic(int perSender) {
        SplittableRandom random = new SplittableRandom(3);
        List<CpgEvent> events = new ArrayList<>();
        for (int seq = 0; seq < perSender; seq++) {
            for (CpgMember sender : List.of(ME, OTHER)) {
                events.add(new CpgDeliver(G, sender, false, VerifyPayload.encode(seq, 1_000, 28 + seq, random)));
            }
        }
        return events;
    }

    private static TrafficChecker run(List<CpgEvent> events) {
        TrafficChecker checker = new TrafficChecker(G, ME);
        events.forEach(e -> checker.onEvent(e, 5_000));
        return checker;
    }

    @Test
    void cleanTrafficHasNoViolationAndMeasuresOnlyOwnMessages() {
        TrafficChecker checker = run(traffic(50));
        assertEquals(0, checker.violationCount(), checker.violations().toString());
        assertEquals(100, checker.delivered());
        assertEquals(50, checker.latency().count());
        assertEquals(4.0, checker.latency().percentileUs(50), 1e-9, "sent at 1000 ns, delivered at 5000 ns");
    }

    @Test
    void anInjectedReorderIsFoundAndChangesTheDigest() {
        List<CpgEvent> clean = traffic(20);
        List<CpgEvent> reordered = new ArrayList<>(clean);
        Collections.swap(reordered, 10, 12);
        TrafficChecker checker = run(reordered);
        assertEquals(2, checker.violationCount(), checker.violations().toString());
        assertTrue(checker.violations().get(0).startsWith("gap from 1/100: #6 after #4"), checker.violations().toString());
        assertTrue(checker.violations().get(1).startsWith("duplicate or reorder from 1/100: #5 after #6"),
                checker.violations().toString());
        assertNotEquals(run(clean).finish(), checker.finish());
        assertEquals(run(clean).finish(), run(clean).finish(), "the same order, the same digest");
    }

    @Test
    void aDuplicateACorruptedAndAResizedMessageAreFound() {
        List<CpgEvent> events = new ArrayList<>(traffic(5));
        events.add(events.get(events.size() - 1));
        byte[] corrupt = VerifyPayload.encode(5, 0, 64, new SplittableRandom(1));
        corrupt[40] ^= 1;
        events.add(new CpgDeliver(G, OTHER, false, corrupt));
        byte[] resized = VerifyPayload.encode(6, 0, 64, new SplittableRandom(1));
        events.add(new CpgDeliver(G, OTHER, false, Arrays.copyOf(resized, 63)));
        TrafficChecker checker = run(events);
        assertEquals(List.of("duplicate or reorder from 2/200: #4 after #4",
                "message from 2/200: checksum mismatch",
                "message from 2/200: size 63 bytes, the sender wrote 64"), checker.violations());
    }

    @Test
    void aSenderThatLeftMayComeBackWithALaterSequenceAndEachConfigurationHasItsDigest() {
        TrafficChecker checker = new TrafficChecker(G, ME);
        SplittableRandom random = new SplittableRandom(2);
        checker.onEvent(new CpgDeliver(G, OTHER, false, VerifyPayload.encode(0, 0, 28, random)), 1);
        assertEquals("start/?", checker.onEvent(new CpgConfChg(G, List.of(ME), List.of(new CpgAddress(OTHER,
                CpgReason.NODEDOWN)), List.of()), 2).orElseThrow().label());
        String alone = TrafficChecker.membersLabel(List.of(ME));
        assertTrue(alone.startsWith("1m-"), alone);
        assertEquals("start/" + alone, checker.onEvent(new CpgTotemConfChg(new RingId(1, 8), List.of(1)), 3)
                .orElseThrow().label());
        checker.onEvent(new CpgDeliver(G, OTHER, false, VerifyPayload.encode(70, 0, 28, random)), 4);
        assertEquals(0, checker.violationCount(), checker.violations().toString());
        List<TrafficChecker.ConfigDigest> digests = checker.finish();
        assertEquals(List.of("start/?", "start/" + alone, "1.8/" + alone), digests.stream()
                .map(TrafficChecker.ConfigDigest::label).toList());
        assertEquals(List.of(1L, 0L, 1L), digests.stream().map(TrafficChecker.ConfigDigest::messages).toList());
    }
}
