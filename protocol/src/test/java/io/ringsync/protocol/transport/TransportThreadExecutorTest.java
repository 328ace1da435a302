package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The executor Totem's dispatcher runs on: tasks run on the hosting thread (in
 * {@link TransportThreadExecutor#runQueued}, a bounded number per call), wake it when queued from
 * another thread, and run on the fallback before a host attaches and after it detaches,
 * those it left queued included.
 */
class TransportThreadExecutorTest {

    private static final long DEADLINE_S = 30;

    /** A host whose thread is the test's and which counts wake-ups. */
    private static final class TestHost implements TransportThreadExecutor.Host {
        final Thread thread = Thread.currentThread();
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public Thread thread() {
            return thread;
        }

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    @Test
    void tasksRunOnTheHostThreadABoundedNumberAtATimeAndWakeItFromElsewhere() throws InterruptedException {
        TransportThreadExecutor executor = new TransportThreadExecutor();
        TestHost host = new TestHost();
        executor.attach(host);
        BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(100);
        for (int i = 0; i < TransportThreadExecutor.TASKS_PER_CYCLE + 4; i++) {
            executor.execute(() -> ranOn.add(Thread.currentThread()));
        }
        assertEquals(0, host.wakes.get(), "queued on the host's own thread: no wake-up");
        assertEquals(TransportThreadExecutor.TASKS_PER_CYCLE, executor.runQueued());
        assertEquals(4, executor.runQueued());
        assertEquals(0, executor.runQueued());
        assertTrue(ranOn.stream().allMatch(t -> t == host.thread));

        Thread other = new Thread(() -> executor.execute(() -> ranOn.add(Thread.currentThread())));
        other.start();
        other.join();
        assertEquals(1, host.wakes.get(), "queued from another thread: the host is woken");
        assertEquals(1, executor.runQueued());
    }

    @Test
    void withoutAHostTasksRunOnTheFallbackAndADetachedHostHandsItsQueueOver() throws InterruptedException {
        TransportThreadExecutor executor = new TransportThreadExecutor();
        BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(10);
        executor.execute(() -> ranOn.add(Thread.currentThread()));
        Thread first = ranOn.poll(DEADLINE_S, TimeUnit.SECONDS);
        assertNotNull(first, "ran before any host attached");
        assertNotEquals(Thread.currentThread(), first);

        TestHost host = new TestHost();
        executor.attach(host);
        executor.execute(() -> ranOn.add(Thread.currentThread()));
        executor.detach(new TestHost());
        assertEquals(0, ranOn.size(), "another host's detach changes nothing");
        executor.detach(host);
        Thread handedOver = ranOn.poll(DEADLINE_S, TimeUnit.SECONDS);
        assertNotNull(handedOver, "the task left queued ran on the fallback");
        assertNotEquals(host.thread, handedOver);
        assertEquals(0, executor.runQueued(), "nothing left for the old host");
    }

    @Test
    void oneExecutorPerActorSystemSettings() {
        Object settings = new Object();
        assertSame(TransportThreadExecutor.forSystemSettings(settings),
                TransportThreadExecutor.forSystemSettings(settings));
        assertNotEquals(TransportThreadExecutor.forSystemSettings(settings),
                TransportThreadExecutor.forSystemSettings(new Object()));
    }
}
