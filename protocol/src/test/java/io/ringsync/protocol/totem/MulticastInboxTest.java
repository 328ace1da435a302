package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbox alone: its bounds, its answers, its wake-ups, and offers from several threads. */
class MulticastInboxTest {

    @Test
    void offersAreAcceptedUpToTheCapacityAndRoomComesBackAsTotemTakesThem() {
        MulticastInbox inbox = new MulticastInbox(3000, 2000);
        assertEquals(MulticastResult.ACCEPTED, inbox.offer(Delivery.AGREED, new byte[1000]));
        assertEquals(MulticastResult.ACCEPTED, inbox.offer(Delivery.SAFE, new byte[2000]));
        assertEquals(MulticastResult.TRY_AGAIN, inbox.offer(Delivery.AGREED, new byte[1]));
        assertEquals(MulticastResult.TOO_LARGE, inbox.offer(Delivery.AGREED, new byte[2001]));

        MulticastInbox.Entry first = inbox.peek();
        assertEquals(List.of(Delivery.AGREED, 1000), List.of(first.delivery(), first.payload().length));
        inbox.taken(first);
        assertEquals(MulticastResult.ACCEPTED, inbox.offer(Delivery.AGREED, new byte[1000]));
        assertEquals(List.of(2L, 2L, 1L), List.of(inbox.accepted() - 1, inbox.refused() + 1, inbox.tooLarge()));
    }

    @Test
    void theFirstOfferAfterADrainBeganWakesTotemOnce() {
        MulticastInbox inbox = new MulticastInbox(1 << 20, 1024);
        AtomicInteger wakes = new AtomicInteger();
        inbox.attach(wakes::incrementAndGet);
        inbox.offer(Delivery.AGREED, new byte[10]);
        inbox.offer(Delivery.AGREED, new byte[10]);
        assertEquals(1, wakes.get(), "the second offer rides on the first one's wake-up");
        inbox.beginDrain();
        inbox.taken(inbox.peek());
        inbox.taken(inbox.peek());
        assertTrue(inbox.isEmpty());
        assertNull(inbox.peek());
        inbox.offer(Delivery.AGREED, new byte[10]);
        assertEquals(2, wakes.get(), "an offer after the drain began wakes Totem again");
    }

    @Test
    void aClosedInboxAnswersTryAgain() {
        MulticastInbox inbox = new MulticastInbox(1 << 20, 1024);
        inbox.close();
        assertEquals(MulticastResult.TRY_AGAIN, inbox.offer(Delivery.AGREED, new byte[10]));
        assertTrue(inbox.isEmpty());
    }

    @Test
    void aCapacityBelowTheLargestMessageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MulticastInbox(100, 200));
    }

    @Test
    void eachThreadsOffersComeOutInTheirOrderAndNoneIsLost() throws InterruptedException {
        int threads = 4;
        int perThread = 20_000;
        MulticastInbox inbox = new MulticastInbox(1 << 30, 1024);
        AtomicInteger notAccepted = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                for (int k = 0; k < perThread; k++) {
                    if (inbox.offer(Delivery.AGREED, ByteBuffer.allocate(8).putInt(id).putInt(k).array())
                            != MulticastResult.ACCEPTED) {
                        notAccepted.incrementAndGet();
                    }
                }
            });
            producer.start();
            producers.add(producer);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<Integer, Integer> next = new HashMap<>();
        int taken = 0;
        while (taken + notAccepted.get() < threads * perThread && System.nanoTime() < deadline) {
            MulticastInbox.Entry entry = inbox.peek();
            if (entry == null) {
                Thread.onSpinWait();
                continue;
            }
            ByteBuffer payload = ByteBuffer.wrap(entry.payload());
            int thread = payload.getInt();
            int k = payload.getInt();
            assertEquals(next.getOrDefault(thread, 0), k, "thread " + thread + "'s next message");
            next.put(thread, k + 1);
            inbox.taken(entry);
            taken++;
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertEquals(0, notAccepted.get(), "offers refused by an inbox with room");
        assertEquals(threads * perThread, taken);
        assertTrue(inbox.isEmpty());
        assertEquals(threads * perThread, inbox.accepted());
    }
}
