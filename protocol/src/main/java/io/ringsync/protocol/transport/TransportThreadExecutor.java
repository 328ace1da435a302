package io.ringsync.protocol.transport;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of one actor system's {@value #DISPATCHER_ID} dispatcher: while a transport
 * hosts it ({@link AeronTransport#host}), its tasks run on that node's transport thread, between
 * the thread's polls; otherwise (before the transport opens, after it closes) on a fallback
 * thread of its own. Totem's actor runs on it, so that a token hop costs no thread hand-off: the
 * transport thread reads a frame, Totem handles it in the same duty cycle, and the frames Totem
 * offers leave in the next, without waking a dispatcher thread on the way in or the transport
 * thread on the way out (each such wake-up cost tens of microseconds per hop on a shared core).
 *
 * <p>Akka runs one actor's mailbox on one thread at a time whichever executor it is handed to,
 * so moving between the transport thread and the fallback is safe; no task is lost: one queued
 * for the transport thread when it stops is handed to the fallback ({@link #detach}).
 * Akka's {@code shutdown} of an idle dispatcher's executor is ignored: the executor lives as
 * long as its actor system, which it is found by ({@link #of}).
 */
public final class TransportThreadExecutor extends AbstractExecutorService {

    /** The dispatcher's config path; {@link TransportThreadDispatcher} reads its block. */
    public static final String DISPATCHER_ID = "ringsync-transport-thread-dispatcher";

    /** Most tasks (mailbox runs) per duty cycle, so that reading the sockets is not put off long. */
    static final int TASKS_PER_CYCLE = 16;

    private static final Map<Object, TransportThreadExecutor> BY_SYSTEM = new WeakHashMap<>();
    private static final AtomicInteger FALLBACK_THREADS = new AtomicInteger();

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ExecutorService fallback = Executors.newCachedThreadPool(fallbackThreads());
    private Host host;

    /** What runs the queued tasks: the transport's thread, and how to wake it. */
    interface Host {

        /** The thread that runs {@link #runQueued}; null before it started. */
        Thread thread();

        /** Ends the thread's idle wait, so that a task queued from another thread runs soon. */
        void wake();
    }

    /** The executor of {@code system}'s {@value #DISPATCHER_ID} dispatcher (made on first use). */
    public static TransportThreadExecutor of(ActorSystem<?> system) {
        return forSystemSettings(Adapter.toClassic(system).settings());
    }

    /** By the classic settings object, which the dispatcher's prerequisites carry too (one per system). */
    static TransportThreadExecutor forSystemSettings(Object systemSettings) {
        synchronized (BY_SYSTEM) {
            return BY_SYSTEM.computeIfAbsent(systemSettings, s -> new TransportThreadExecutor());
        }
    }

    TransportThreadExecutor() {
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (host != null) {
                queue.add(task);
                if (Thread.currentThread() != host.thread()) {
                    host.wake();
                }
                return;
            }
        }
        fallback.execute(task);
    }

    /** From now on tasks run on {@code next}'s thread (through {@link #runQueued}). */
    synchronized void attach(Host next) {
        host = next;
    }

    /**
     * {@code leaving}'s thread has stopped: if it still hosts this executor, tasks run on the
     * fallback from now on, those it left queued first.
     */
    void detach(Host leaving) {
        synchronized (this) {
            if (host != leaving) {
                return;
            }
            host = null;
        }
        for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
            fallback.execute(task);
        }
    }

    /** On the host's thread: runs at most {@link #TASKS_PER_CYCLE} queued tasks; how many ran. */
    int runQueued() {
        int ran = 0;
        for (Runnable task; ran < TASKS_PER_CYCLE && (task = queue.poll()) != null; ran++) {
            task.run();
        }
        return ran;
    }

    /** Ignored (see the class comment). */
    @Override
    public void shutdown() {
    }

    /** Nothing is interrupted or returned (see the class comment). */
    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private static ThreadFactory fallbackThreads() {
        return task -> {
            Thread thread = new Thread(task, "ringsync-totem-fallback-" + FALLBACK_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
