package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.it.TrafficLogFile.Change;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.DeliveryChecks;
import io.ringsync.protocol.totem.srp.DeliveryLog;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Totem over real Aeron UDP on loopback, each node a separate process ({@link TrafficNode}), with
 * steady traffic from every node (a third SAFE, one in ten large enough to be fragmented) while,
 * one after the other, nodes are killed (SIGKILL) and restarted, node 2 is paused (SIGSTOP)
 * until the others formed a ring without it and then resumed, and node 1 leaves (SIGTERM) and
 * is restarted. Each survivor of a fault must deliver a TRANSITIONAL then a REGULAR
 * configuration without the lost node; the leave must cost no token loss. Once the last full
 * ring formed and traffic stopped, every live node must deliver everything the live nodes sent
 * in that ring, and all its own messages. Finally the simulator's checkers ({@link DeliveryChecks}: no duplicates,
 * nothing invented, one total order, FIFO without gaps, virtual synchrony) run on the logs of
 * every process, the killed ones included. Logs stay in {@code target/it-output/TotemChaosIT-N/logs}.
 */
class TotemChaosIT {

    @Test
    void threeNodesThroughKillPauseAndLeave() throws Exception {
        run("TotemChaosIT-3", 3, List.of(3), 20);
    }

    @Test
    void fiveNodesLosingTwoAtOnceThroughKillPauseAndLeave() throws Exception {
        run("TotemChaosIT-5", 5, List.of(4, 5), 12);
    }

    private static void run(String name, int size, List<Integer> killed, int rate) throws Exception {
        try (ChaosCluster cluster = new ChaosCluster(name, size, rate)) {
            runScenario(name, cluster, report -> faultsThenChecks(cluster, killed, report));
        }
    }

    /** A chaos scenario: adds what it did to the report and returns what its final checks found. */
    @FunctionalInterface
    interface Scenario {
        List<String> run(List<String> report) throws Exception;
    }

    /**
     * Runs {@code scenario} on {@code cluster}, prints its report, and fails on any problem it
     * found; on failure, dumps every live node's status and keeps the logs.
     */
    static void runScenario(String name, ChaosCluster cluster, Scenario scenario) throws Exception {
        long began = System.nanoTime();
        List<String> report = new ArrayList<>();
        try {
            List<String> problems = scenario.run(report);
            report.add(String.format("%.1f s", (System.nanoTime() - began) / 1e9));
            System.out.println(name + ": " + String.join("; ", report));
            assertTrue(problems.isEmpty(), problems.size() + " problems:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(30, problems.size()))));
        } catch (Exception | AssertionError e) {
            cluster.dumpStatus();
            System.out.println(name + " failed after: " + String.join("; ", report) + "; logs kept in "
                    + cluster.keepOutput());
            throw e;
        }
    }

    /** The whole scenario; returns what the final checks found. */
    private static List<String> faultsThenChecks(ChaosCluster cluster, List<Integer> killed, List<String> report)
            throws Exception {
        for (int id : cluster.allNodes()) {
            cluster.start(id);
        }
        report.add("first ring " + cluster.awaitRing(cluster.allNodes()));
        killAndRestart(cluster, killed, report);
        pauseAndResume(cluster, 2, report);
        leaveAndRestart(cluster, 1, report);
        List<String> problems = new ArrayList<>(finish(cluster, report));
        problems.addAll(check(cluster, report));
        return problems;
    }

    /** SIGKILL of {@code killed} at once: the others re-form through a transitional configuration; then they come back. */
    private static void killAndRestart(ChaosCluster cluster, List<Integer> killed, List<String> report) throws Exception {
        List<Integer> survivors = cluster.nodesBut(killed);
        Map<Integer, Integer> marks = cluster.marks(survivors);
        long killedAt = cluster.kill(killed);
        RingId ring = cluster.awaitRing(survivors);
        long regularAt = assertLeftThroughTransitional(cluster, marks, killed, "kill -9");
        report.add("kill -9 " + killed + ": ring " + ring + " of " + survivors + " delivered " + (regularAt - killedAt)
                + " ms later");
        for (int id : killed) {
            cluster.start(id);
        }
        report.add("restarted: ring " + cluster.awaitRing(cluster.allNodes()));
    }

    /** SIGSTOP past the token timeout, until the others formed a ring without the node; then SIGCONT. */
    private static void pauseAndResume(ChaosCluster cluster, int id, List<String> report) throws Exception {
        List<Integer> others = cluster.nodesBut(List.of(id));
        Map<Integer, Integer> marks = cluster.marks(others);
        long pausedAt = System.currentTimeMillis();
        cluster.pause(id);
        RingId ring = cluster.awaitRing(others);
        assertLeftThroughTransitional(cluster, marks, List.of(id), "SIGSTOP");
        long pausedMs = System.currentTimeMillis() - pausedAt;
        cluster.resume(id);
        long tokenMs = cluster.settings(id).totem().effectiveTokenMs(cluster.size());
        assertTrue(pausedMs > tokenMs, "paused " + pausedMs + " ms, not past the token timeout " + tokenMs + " ms");
        report.add("SIGSTOP node " + id + " for " + pausedMs + " ms: ring " + ring + " of " + others
                + "; after SIGCONT ring " + cluster.awaitRing(cluster.allNodes()));
    }

    /** SIGTERM: the node leaves, the others re-form at once (no token loss); then it comes back. */
    private static void leaveAndRestart(ChaosCluster cluster, int id, List<String> report) throws Exception {
        List<Integer> others = cluster.nodesBut(List.of(id));
        int witness = others.get(0);
        long lossesBefore = cluster.tokenLosses(witness);
        Map<Integer, Integer> marks = cluster.marks(others);
        long stoppedAt = System.currentTimeMillis();
        assertEquals(Map.of(id, 0), cluster.stop(List.of(id)), "exit code of node " + id + " after SIGTERM");
        assertFalse(Files.exists(cluster.settings(id).system().runDir()), "node " + id + " left its run directory");
        RingId ring = cluster.awaitRing(others);
        long regularAt = assertLeftThroughTransitional(cluster, marks, List.of(id), "SIGTERM");
        assertEquals(lossesBefore, cluster.tokenLosses(witness),
                "token losses of node " + witness + " when node " + id + " left gracefully (its leave must make the"
                        + " others re-form at once, not after the token timeout)");
        report.add("SIGTERM node " + id + ": ring " + ring + " of " + others + " delivered " + (regularAt - stoppedAt)
                + " ms later, no token loss");
        cluster.start(id);
        report.add("restarted: ring " + cluster.awaitRing(cluster.allNodes()));
    }

    /**
     * Each node of {@code marks} delivered, after its mark, a TRANSITIONAL then a REGULAR
     * configuration, neither with a node of {@code lost}; returns when the last of those REGULAR
     * configurations was delivered (epoch ms).
     */
    private static long assertLeftThroughTransitional(ChaosCluster cluster, Map<Integer, Integer> marks,
                                                      Collection<Integer> lost, String fault) throws Exception {
        long last = 0;
        for (var mark : marks.entrySet()) {
            TrafficLogFile log = cluster.read(cluster.live().get(mark.getKey()));
            List<Change> changes = log.changesFrom(mark.getValue());
            String seen = log.process() + " after " + fault + " of " + lost + ": " + changes;
            assertTrue(changes.size() >= 2, seen);
            DeliveryLog.Configuration transitional = changes.get(0).configuration();
            DeliveryLog.Configuration regular = changes.get(1).configuration();
            assertEquals(ConfigurationKind.TRANSITIONAL, transitional.kind(), seen);
            assertEquals(ConfigurationKind.REGULAR, regular.kind(), seen);
            assertTrue(lost.stream().noneMatch(id -> transitional.members().contains(id)
                    || regular.members().contains(id)), seen);
            last = Math.max(last, changes.get(1).epochMs());
        }
        return last;
    }

    /**
     * Lets every node send in the last full ring, stops the traffic, waits until every node
     * delivered what it must, then stops every node (SIGTERM, exit 0, run directory removed);
     * returns what was missing if the wait failed.
     */
    static List<String> finish(ChaosCluster cluster, List<String> report) throws Exception {
        List<Integer> nodes = cluster.allNodes();
        Poll.until("every node sent 10 messages in the last full ring", ChaosCluster.DEADLINE, () -> {
            for (TrafficLogFile log : cluster.readLive(nodes)) {
                int ring = log.lastRegularIndex();
                if (log.accepted().stream().filter(m -> log.acceptedAfter(m, ring)).count() < 10) {
                    return false;
                }
            }
            return true;
        }, cluster::describe);
        cluster.stopTraffic();
        Poll.until("every node stopped sending", ChaosCluster.DEADLINE,
                () -> cluster.readLive(nodes).stream().allMatch(TrafficLogFile::trafficOver), cluster::describe);
        List<String> missing = new ArrayList<>();
        try {
            Poll.until("every node delivered what it must", ChaosCluster.DEADLINE, () -> {
                missing.clear();
                missing.addAll(missing(cluster.readLive(nodes)));
                return missing.isEmpty();
            }, () -> missing.size() + " missing");
        } catch (AssertionError e) {
            missing.add(0, e.getMessage());
        }
        report.add("last ring " + cluster.awaitRing(nodes));
        Map<Integer, Integer> codes = cluster.stop(nodes);
        for (int id : nodes) {
            assertEquals(0, codes.get(id), "exit code of node " + id + " after SIGTERM");
            assertFalse(Files.exists(cluster.settings(id).system().runDir()), "node " + id + " left its run directory");
        }
        return missing;
    }

    /**
     * What the live nodes' {@code logs} lack: a message a live node sent after its last regular
     * configuration (the last full ring) that some live node did not deliver, or a message of
     * its own a node did not deliver (a fragmented one straddling a ring change included: its
     * sender queues it again, whole, in the new configuration).
     */
    private static List<String> missing(List<TrafficLogFile> logs) {
        List<Set<String>> delivered = logs.stream().map(TrafficLogFile::delivered).toList();
        List<String> missing = new ArrayList<>();
        for (int s = 0; s < logs.size(); s++) {
            TrafficLogFile sender = logs.get(s);
            int ring = sender.lastRegularIndex();
            for (String message : sender.accepted()) {
                boolean inLastRing = sender.acceptedAfter(message, ring);
                for (int r = 0; r < logs.size(); r++) {
                    if ((inLastRing || r == s) && !delivered.get(r).contains(message)) {
                        missing.add(logs.get(r).process() + " never delivered " + message
                                + (r == s ? " (its own)" : " (sent in the last ring)"));
                    }
                }
            }
        }
        return missing;
    }

    /** Runs the simulator's checkers on every process's log, plus the traffic nodes' own findings. */
    static List<String> check(ChaosCluster cluster, List<String> report) throws Exception {
        List<DeliveryLog> logs = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        Set<String> rings = new HashSet<>();
        List<String> problems = new ArrayList<>();
        long deliveries = 0;
        for (ChaosCluster.Incarnation incarnation : cluster.incarnations()) {
            TrafficLogFile log = cluster.read(incarnation);
            logs.add(log.deliveries());
            sent.addAll(log.accepted());
            if (log.unanswered() != null) {
                sent.add(log.unanswered());
            }
            problems.addAll(log.problems());
            deliveries += log.deliveries().payloads().size();
            log.changesFrom(0).stream().filter(c -> c.configuration().kind() == ConfigurationKind.REGULAR)
                    .forEach(c -> rings.add(c.configuration().ringId().toString()));
        }
        problems.addAll(DeliveryChecks.all(logs, sent, false));
        long large = sent.stream().filter(m -> TrafficPayloads.large(TrafficPayloads.numberOf(m))).count();
        report.add(logs.size() + " processes, " + rings.size() + " rings, " + sent.size() + " messages sent ("
                + large + " large), " + deliveries + " deliveries checked, " + problems.size() + " problems");
        return problems;
    }
}
