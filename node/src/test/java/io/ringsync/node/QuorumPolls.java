package io.ringsync.node;

import io.ringsync.node.service.QuorumNodeService;
import io.ringsync.quorum.QuorumStatus;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test support: polls a node's quorum status until it is what a test waits for. */
public final class QuorumPolls {

    private static final long DEADLINE_MS = 60_000;

    private QuorumPolls() {
    }

    /** Node {@code node}'s quorum status now (through its Java API). */
    public static QuorumStatus status(RingsyncNode node) throws Exception {
        return QuorumNodeService.api(node).orElseThrow().status().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    /** Polls every 100 ms until {@code accept} holds for node {@code node}'s status; fails after 60 s. */
    public static QuorumStatus await(RingsyncNode node, Predicate<QuorumStatus> accept) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        QuorumStatus status = null;
        while (System.nanoTime() < end) {
            status = status(node);
            if (accept.test(status)) {
                return status;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("quorum never reached the expected state; last: " + status);
    }
}
