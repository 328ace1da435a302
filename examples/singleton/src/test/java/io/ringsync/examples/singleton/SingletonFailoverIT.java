package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.examples.harness.ExampleCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The singleton example as three separate processes on loopback, each a node with the service
 * embedded: it runs on exactly one node; SIGKILL of that node moves it to another within the
 * failover bound; the survivor that then loses its last peer stops (no quorum) and runs again
 * once a restarted node restores quorum; and across every process's log, no fencing token was
 * ever used by two nodes, and nothing ran in a ring without quorum.
 *
 * <p>The bound: the survivors notice the loss after the effective token timeout, agree on a new
 * ring within consensus, then CPG's and quorum's sync rounds and the election (one vote from each
 * member) take a few token rotations; the 15 s margin is for a loaded 2-core machine.
 */
class SingletonFailoverIT {

    static final Duration START = Duration.ofSeconds(120);
    private static final Duration MARGIN = Duration.ofSeconds(15);

    @Test
    void theServiceFailsOverWithinTheBoundAndNeverRunsTwiceUnderOneToken() throws Exception {
        try (ExampleCluster cluster = new ExampleCluster("singleton-failover", 3, SingletonMain.class.getName(),
                "--config", "")) {
            SingletonLogs logs = new SingletonLogs(cluster);
            FencingToken first = startThree(cluster, logs);
            int holder = logs.holderOf(first);

            RingsyncSettings settings = cluster.settings(1);
            Duration bound = Duration.ofMillis(settings.effectiveTokenMs() + settings.totem().consensusMs())
                    .plus(MARGIN);
            cluster.kill(holder);
            long killed = System.nanoTime();
            cluster.await("another node acting with a newer token after the holder's SIGKILL", bound,
                    () -> logs.latestToken().filter(first::olderThan).isPresent());
            FencingToken second = logs.latestToken().orElseThrow();
            int successor = logs.holderOf(second);
            System.out.printf("failover: node %d -> node %d in %d ms (bound %d ms), token %s -> %s%n", holder,
                    successor, (System.nanoTime() - killed) / 1_000_000, bound.toMillis(), first, second);
            assertEquals(2, successor, "the lowest surviving node id takes over");

            cluster.kill(3);
            cluster.await("node 2, alone, standing by without quorum", START, () -> logs.stoodBy(2, "INQUORATE"));

            cluster.start(3, "--interval-ms", "200");
            cluster.await("the service running again once node 3 is back", START,
                    () -> logs.latestToken().filter(second::olderThan).isPresent());

            logs.assertEachTokenHadOneHolder(3);
            logs.assertNothingRanWithoutQuorum();
            assertTrue(logs.views().containsValue(1), "node 2 reported its ring alone: " + logs.views());
        }
    }

    /**
     * Starts nodes 1 to 3 (acting every 200 ms) and waits for node 1, the lowest id, to hold once
     * its process is in the group with all three (a process that joins later than the others takes
     * over from whoever held before, with a newer token); that token.
     */
    static FencingToken startThree(ExampleCluster cluster, SingletonLogs logs) throws Exception {
        for (int id = 1; id <= 3; id++) {
            cluster.start(id, "--interval-ms", "200");
        }
        cluster.await("node 1 acting in a ring of all three nodes", START, () -> logs.latestToken()
                .filter(t -> logs.ringSize(t) == 3 && logs.holderOf(t) == 1).isPresent());
        return logs.latestToken().orElseThrow();
    }
}
