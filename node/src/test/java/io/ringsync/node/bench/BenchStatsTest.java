package io.ringsync.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bench's pure parts: payloads, the delivery check, percentiles and the result line. */
class BenchStatsTest {

    @Test
    void payloadsCarryKindSenderAndCounterAndHaveTheirSize() {
        byte[] data = BenchPayload.data(7, 123_456_789_012L, 1024);
        assertEquals(1024, data.length);
        assertEquals(new BenchPayload.Header(BenchPayload.Kind.DATA, 7, 123_456_789_012L), BenchPayload.parse(data));
        assertEquals(BenchPayload.HEADER_BYTES, BenchPayload.data(1, 0, 5).length);
        assertEquals(new BenchPayload.Header(BenchPayload.Kind.END, 3, 42), BenchPayload.parse(BenchPayload.end(3, 42)));
        assertNull(BenchPayload.parse(new byte[64]));
        assertNull(BenchPayload.parse(new byte[3]));
    }

    @Test
    void aBufferIsParsedFromItsPosition() {
        ByteBuffer buffer = ByteBuffer.allocate(1028);
        buffer.position(4);
        buffer.put(BenchPayload.data(5, 77, 1024));
        buffer.position(4);
        assertEquals(new BenchPayload.Header(BenchPayload.Kind.DATA, 5, 77), BenchPayload.parse(buffer.asReadOnlyBuffer()));
        assertEquals(4, buffer.position(), "parsing does not move the buffer");
        assertNull(BenchPayload.parse(ByteBuffer.wrap(BenchPayload.end(1, 2), 1, 19)), "shorter than a header");
    }

    @Test
    void fifoWithSkippedCountersAndAMatchingEndPasses() {
        DeliveryCheck check = new DeliveryCheck();
        check.data(1, 0);
        check.data(2, 0);
        check.data(1, 1);
        check.data(1, 5); // counters 2..4 were refused with TRY_AGAIN: never sent
        check.end(1, 3);
        check.data(2, 1);
        check.end(2, 2);
        assertTrue(check.ok(), check.firstProblem());
        assertNull(check.firstProblem());
        assertEquals(2, check.ends());
        assertEquals(3, check.delivered(1));
    }

    @Test
    void reorderDuplicateLossAndMissingEndAreProblems() {
        DeliveryCheck reordered = new DeliveryCheck();
        reordered.data(1, 1);
        reordered.data(1, 0);
        assertEquals("node 1: counter 0 after 1", reordered.firstProblem());
        assertFalse(reordered.ok());

        DeliveryCheck lost = new DeliveryCheck();
        lost.data(1, 0);
        lost.end(1, 2);
        assertEquals("node 1: 1 delivered, 2 accepted", lost.firstProblem());

        DeliveryCheck afterEnd = new DeliveryCheck();
        afterEnd.end(1, 0);
        afterEnd.data(1, 0);
        assertEquals("node 1: counter 0 after its END", afterEnd.firstProblem());

        DeliveryCheck noEnd = new DeliveryCheck();
        noEnd.data(4, 0);
        assertFalse(noEnd.ok());
        assertEquals("no END from some sender", noEnd.firstProblem());
    }

    @Test
    void theOrderHashTellsTotalOrdersApart() {
        DeliveryCheck a = new DeliveryCheck();
        DeliveryCheck b = new DeliveryCheck();
        DeliveryCheck c = new DeliveryCheck();
        a.data(1, 0);
        a.data(2, 0);
        b.data(1, 0);
        b.data(2, 0);
        c.data(2, 0);
        c.data(1, 0);
        assertEquals(a.orderHash(), b.orderHash());
        assertNotEquals(a.orderHash(), c.orderHash());
    }

    @Test
    void percentilesFollowTheCorosyncAnchorsClient() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (200 - i) * 1000L; // 200 us down to 1 us, unsorted
        }
        LatencyStats stats = LatencyStats.of(nanos, 200);
        assertEquals(200, stats.count());
        assertEquals(1.0, stats.minUs());
        assertEquals(101.0, stats.p50Us()); // sorted[100]
        assertEquals(199.0, stats.p99Us()); // sorted[198]
        assertEquals(100.5, stats.meanUs(), 1e-9);
        assertEquals(200.0, stats.maxUs());
        assertEquals(200_000L, nanos[0], "the samples are not sorted in place");
        assertEquals(new LatencyStats(0, 0, 0, 0, 0, 0), LatencyStats.of(nanos, 0));
        assertEquals(7.0, LatencyStats.of(new long[] {7000}, 1).p99Us());
    }

    @Test
    void theResultLineHasEveryFieldWithRatesOverTheWindow() {
        BenchResult result = new BenchResult(2, "tput", 1024, "agreed", 1000, 5, 50_000, 51_200_000, 2_000_000_000L,
                60_000, 3, 3, true, "", 0xabcL, "1.c", 3, 0, Optional.empty());
        assertEquals("BENCH node=2 mode=tput size=1024 delivery=agreed sent=1000 refused=5 delivered=50000"
                + " bytes=51200000 secs=2.000 msgs_per_s=25000 mb_per_s=25.60 total_delivered=60000 ends=3/3"
                + " order_ok=true order_hash=0000000000000abc ring=1.c members=3 ring_changes=0", result.line());
        assertTrue(result.passed());
    }

    @Test
    void aLatencyLineAddsItsFiguresAndAFailedCheckSaysWhy() {
        BenchResult result = new BenchResult(1, "lat", 64, "safe", 10, 0, 8, 512, 1_000_000_000L, 10, 0, 1, false,
                "only 0 of 1 END messages", -1L, "1.10", 2, 1,
                Optional.of(new LatencyStats(8, 100, 150.25, 900, 200, 1234.5)));
        assertEquals("BENCH node=1 mode=lat size=64 delivery=safe sent=10 refused=0 delivered=8 bytes=512 secs=1.000"
                + " msgs_per_s=8 mb_per_s=0.00 total_delivered=10 ends=0/1 order_ok=false order_hash=ffffffffffffffff"
                + " ring=1.10 members=2 ring_changes=1 lat_n=8 p50_us=150.3 p99_us=900.0 mean_us=200.0"
                + " max_us=1234.5 min_us=100.0 problem=\"only 0 of 1 END messages\"", result.line());
        assertFalse(result.passed());
    }
}
