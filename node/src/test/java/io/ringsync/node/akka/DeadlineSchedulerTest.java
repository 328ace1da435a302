package io.ringsync.node.akka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Cancellable;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

class DeadlineSchedulerTest {

    private final ExecutionContext direct = ExecutionContext.fromExecutor(Runnable::run);
    private DeadlineScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = new DeadlineScheduler(ConfigFactory.empty(), null, r -> new Thread(r, "test-scheduler"));
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void oneShotTaskRunsAfterItsDelay() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        scheduler.scheduleOnce(FiniteDuration.create(50, TimeUnit.MILLISECONDS), ran::countDown, direct);
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "ran before its delay");
    }

    @Test
    void cancelledTaskNeverRuns() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Cancellable task = scheduler.scheduleOnce(FiniteDuration.create(200, TimeUnit.MILLISECONDS), runs::incrementAndGet, direct);
        assertTrue(task.cancel());
        assertTrue(task.isCancelled());
        CountDownLatch later = new CountDownLatch(1);
        scheduler.scheduleOnce(FiniteDuration.create(400, TimeUnit.MILLISECONDS), later::countDown, direct);
        assertTrue(later.await(30, TimeUnit.SECONDS));
        assertEquals(0, runs.get());
    }

    @Test
    void periodicTaskRepeatsUntilCancelled() throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        Cancellable task = scheduler.schedule(FiniteDuration.create(1, TimeUnit.MILLISECONDS),
                FiniteDuration.create(10, TimeUnit.MILLISECONDS), threeRuns::countDown, direct);
        assertTrue(threeRuns.await(30, TimeUnit.SECONDS));
        assertTrue(task.cancel());
        assertThrows(IllegalArgumentException.class, () -> scheduler.schedule(FiniteDuration.Zero(),
                FiniteDuration.Zero(), () -> { }, direct));
    }

    @Test
    void closeRunsPendingOneShotTasksAndRefusesNewOnes() {
        AtomicInteger runs = new AtomicInteger();
        scheduler.scheduleOnce(FiniteDuration.create(1, TimeUnit.HOURS), runs::incrementAndGet, direct);
        scheduler.close();
        assertEquals(1, runs.get());
        assertThrows(IllegalStateException.class, () -> scheduler.scheduleOnce(FiniteDuration.Zero(), () -> { }, direct));
    }

    @Test
    void anActorSystemRunsTimersOnIt() throws InterruptedException {
        var config = ConfigFactory.parseString("akka.scheduler.implementation = " + DeadlineScheduler.class.getName())
                .withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "deadline-scheduler-test", config);
        try {
            assertTrue(system.classicSystem().scheduler() instanceof DeadlineScheduler);
            CountDownLatch fired = new CountDownLatch(1);
            system.scheduler().scheduleOnce(Duration.ofMillis(20), fired::countDown, system.executionContext());
            assertTrue(fired.await(30, TimeUnit.SECONDS));
            assertFalse(system.whenTerminated().isCompleted());
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
