package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Timeouts for blocking channels: Unix-domain socket channels have no read timeout, so a
 * single daemon thread closes a channel whose deadline passed, which ends the blocked read
 * or write with {@code AsynchronousCloseException}.
 */
final class ChannelWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private ChannelWatchdog() {
    }

    /** Closes {@code channel} after {@code timeout} unless the returned deadline is cancelled first. */
    static Deadline arm(Channel channel, Duration timeout) {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> task = TIMER.schedule(() -> {
            fired.set(true);
            closeQuietly(channel);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Deadline(task, fired);
    }

    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort; the channel is unusable either way
        }
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ringsync-ipc-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** An armed timeout: cancel it when the operation finished in time. */
    record Deadline(ScheduledFuture<?> task, AtomicBoolean fired) implements AutoCloseable {

        /** True when the timeout closed the channel. */
        boolean expired() {
            return fired.get();
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }
}
