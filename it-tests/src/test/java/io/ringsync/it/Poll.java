package io.ringsync.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting on a condition with a deadline, never a fixed sleep. */
final class Poll {

    static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Evaluates {@code condition} every 250 ms until it is true; throws with {@code what} and
     * the last state seen when {@code deadline} passes.
     */
    static void until(String what, Duration deadline, Callable<Boolean> condition, Callable<String> lastState)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + deadline.toSeconds() + " s; last state: " + lastState.call());
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
