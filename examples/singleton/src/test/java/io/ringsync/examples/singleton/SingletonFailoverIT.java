package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.examples.singleton.ExampleCluster.Incarnation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration MARGIN = Duration.ofSeconds(15);
    private static final Pattern ACTION = Pattern.compile("singleton action n=\\d+ token=(\\S+)");
    private static final Pattern VIEW = Pattern.compile("singleton view ring=(\\S+) members=\\[([^]]*)]");
    private static final Pattern STANDBY = Pattern.compile("singleton standby reason=(\\w+)");

    @Test
    void theServiceFailsOverWithinTheBoundAndNeverRunsTwiceUnderOneToken() throws Exception {
        try (ExampleCluster cluster = new ExampleCluster("singleton-failover", 3, SingletonMain.class.getName())) {
            for (int id = 1; id <= 3; id++) {
                cluster.start(id, "--interval-ms", "200");
            }
            // Node 1, the lowest id, holds once its process is in the group (a process that joins
            // later than the others takes over from whoever held before, with a newer token).
            cluster.await("node 1 acting in a ring of all three nodes", START, () -> latestToken(cluster)
                    .filter(t -> ringSize(cluster, t) == 3 && holderOf(cluster, t) == 1).isPresent());
            FencingToken first = latestToken(cluster).orElseThrow();
            int holder = holderOf(cluster, first);

            RingsyncSettings settings = cluster.settings(1);
            Duration bound = Duration.ofMillis(settings.effectiveTokenMs() + settings.totem().consensusMs())
                    .plus(MARGIN);
            cluster.kill(holder);
            long killed = System.nanoTime();
            cluster.await("another node acting with a newer token after the holder's SIGKILL", bound,
                    () -> latestToken(cluster).filter(first::olderThan).isPresent());
            FencingToken second = latestToken(cluster).orElseThrow();
            int successor = holderOf(cluster, second);
            System.out.printf("failover: node %d -> node %d in %d ms (bound %d ms), token %s -> %s%n", holder,
                    successor, (System.nanoTime() - killed) / 1_000_000, bound.toMillis(), first, second);
            assertEquals(2, successor, "the lowest surviving node id takes over");

            cluster.kill(3);
            cluster.await("node 2, alone, standing by without quorum", START,
                    () -> lastLive(cluster, 2).stream().anyMatch(line -> standby(line).equals(Optional.of("INQUORATE"))));

            cluster.start(3, "--interval-ms", "200");
            cluster.await("the service running again once node 3 is back", START,
                    () -> latestToken(cluster).filter(second::olderThan).isPresent());

            assertEachTokenHadOneHolder(cluster);
            assertNothingRanWithoutQuorum(cluster);
        }
    }

    /** The newest token any process acted with. */
    private static Optional<FencingToken> latestToken(ExampleCluster cluster) {
        return actionsByToken(cluster).keySet().stream().max(FencingToken::compareTo);
    }

    /** Every token acted with, and the nodes that acted with it. */
    private static Map<FencingToken, Set<Integer>> actionsByToken(ExampleCluster cluster) {
        Map<FencingToken, Set<Integer>> holders = new HashMap<>();
        for (var log : cluster.logs().entrySet()) {
            for (String line : log.getValue()) {
                Matcher action = ACTION.matcher(line);
                if (action.find()) {
                    holders.computeIfAbsent(FencingToken.parse(action.group(1)), t -> new TreeSet<>())
                            .add(log.getKey().nodeId());
                }
            }
        }
        return holders;
    }

    private static int holderOf(ExampleCluster cluster, FencingToken token) {
        Set<Integer> holders = actionsByToken(cluster).get(token);
        assertEquals(1, holders.size(), "one holder of " + token + ": " + holders);
        return holders.iterator().next();
    }

    /** How many nodes the group's ring of {@code token} had, as any process's view line says (0: none seen). */
    private static int ringSize(ExampleCluster cluster, FencingToken token) {
        return views(cluster).getOrDefault(token.ring().toString(), 0);
    }

    /** Every ring a process reported, with its size. */
    private static Map<String, Integer> views(ExampleCluster cluster) {
        Map<String, Integer> sizes = new HashMap<>();
        for (List<String> lines : cluster.logs().values()) {
            for (String line : lines) {
                Matcher view = VIEW.matcher(line);
                if (view.find()) {
                    sizes.put(view.group(1), view.group(2).isBlank() ? 0 : view.group(2).split(",").length);
                }
            }
        }
        return sizes;
    }

    /** The log lines of node {@code id}'s latest incarnation. */
    private static List<String> lastLive(ExampleCluster cluster, int id) {
        List<String> lines = new ArrayList<>();
        for (var log : cluster.logs().entrySet()) {
            if (log.getKey().nodeId() == id) {
                lines = log.getValue();
            }
        }
        return lines;
    }

    private static Optional<String> standby(String line) {
        Matcher standby = STANDBY.matcher(line);
        return standby.find() ? Optional.of(standby.group(1)) : Optional.empty();
    }

    private static void assertEachTokenHadOneHolder(ExampleCluster cluster) {
        Map<FencingToken, Set<Integer>> holders = actionsByToken(cluster);
        assertTrue(holders.size() >= 3, "at least three holdings: " + holders);
        holders.forEach((token, nodes) -> assertEquals(1, nodes.size(), "token " + token + " used by " + nodes));
        for (Incarnation incarnation : cluster.incarnations()) {
            System.out.println("log of node " + incarnation.nodeId() + " (" + incarnation.number() + "): "
                    + incarnation.log());
        }
    }

    /** A 3-node cluster's quorum is 2: no process acted in a ring it reported with fewer members. */
    private static void assertNothingRanWithoutQuorum(ExampleCluster cluster) {
        Map<String, Integer> sizes = views(cluster);
        for (FencingToken token : actionsByToken(cluster).keySet()) {
            int size = sizes.getOrDefault(token.ring().toString(), 0);
            assertTrue(size >= 2, "acted with " + token + " in a ring of " + size + " nodes");
        }
        assertTrue(sizes.containsValue(1), "node 2 reported its ring alone: " + sizes);
    }
}
