package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.examples.harness.ExampleCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the singleton processes of an {@link ExampleCluster} logged, read for the separate-process
 * tests: who acted with which fencing token, the rings each process saw, its standby reasons; and
 * the two safety checks over every log. Each token is one election in one ring, i.e. one
 * configuration of the group, so "one holder per token" is "never two holders in one
 * configuration".
 */
final class SingletonLogs {

    private static final Pattern ACTION = Pattern.compile("singleton action n=\\d+ token=(\\S+)");
    private static final Pattern VIEW = Pattern.compile("singleton view ring=(\\S+) members=\\[([^]]*)]");
    private static final Pattern STANDBY = Pattern.compile("singleton standby reason=(\\w+)");

    private final ExampleCluster cluster;

    SingletonLogs(ExampleCluster cluster) {
        this.cluster = cluster;
    }

    /** The newest token any process acted with. */
    Optional<FencingToken> latestToken() {
        return actionsByToken().keySet().stream().max(FencingToken::compareTo);
    }

    /** Every token acted with, and the nodes that acted with it. */
    Map<FencingToken, Set<Integer>> actionsByToken() {
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

    /** The one node that acted with {@code token} (fails if there were more). */
    int holderOf(FencingToken token) {
        Set<Integer> holders = actionsByToken().get(token);
        assertEquals(1, holders.size(), "one holder of " + token + ": " + holders);
        return holders.iterator().next();
    }

    /** How many nodes the group's ring of {@code token} had, as any process's view line says (0: none seen). */
    int ringSize(FencingToken token) {
        return views().getOrDefault(token.ring().toString(), 0);
    }

    /** Every ring a process reported, with its size. */
    Map<String, Integer> views() {
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
    List<String> lastLive(int id) {
        List<String> lines = new ArrayList<>();
        for (var log : cluster.logs().entrySet()) {
            if (log.getKey().nodeId() == id) {
                lines = log.getValue();
            }
        }
        return lines;
    }

    /** True once node {@code id}'s latest incarnation has logged standing by for {@code reason}. */
    boolean stoodBy(int id, String reason) {
        return lastLive(id).stream().map(SingletonLogs::standby).anyMatch(r -> r.equals(Optional.of(reason)));
    }

    private static Optional<String> standby(String line) {
        Matcher standby = STANDBY.matcher(line);
        return standby.find() ? Optional.of(standby.group(1)) : Optional.empty();
    }

    /** Across every log, no token (configuration) was acted with by two nodes; at least {@code holdings} tokens. */
    void assertEachTokenHadOneHolder(int holdings) {
        Map<FencingToken, Set<Integer>> holders = actionsByToken();
        assertTrue(holders.size() >= holdings, "at least " + holdings + " holdings: " + holders);
        holders.forEach((token, nodes) -> assertEquals(1, nodes.size(), "token " + token + " used by " + nodes));
        for (ExampleCluster.Incarnation incarnation : cluster.incarnations()) {
            System.out.println("log of node " + incarnation.nodeId() + " (" + incarnation.number() + "): "
                    + incarnation.log());
        }
    }

    /** A 3-node cluster's quorum is 2: no process acted in a ring it reported with fewer members. */
    void assertNothingRanWithoutQuorum() {
        Map<String, Integer> sizes = views();
        for (FencingToken token : actionsByToken().keySet()) {
            int size = sizes.getOrDefault(token.ring().toString(), 0);
            assertTrue(size >= 2, "acted with " + token + " in a ring of " + size + " nodes");
        }
    }
}
