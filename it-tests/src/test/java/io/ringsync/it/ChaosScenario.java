package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.ckpt.store.Digests;
import io.ringsync.node.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The frame every service chaos scenario ({@link ServiceChaosIT}, {@link FullChaosIT},
 * {@link PartitionChaosIT}) runs in, so that a scenario is only its faults. On a
 * {@link ChaosCluster} of {@link TrafficNode} processes with {@code transport.fault_injection},
 * once the first ring formed, it puts load on every node: a {@code ringsync cpg verify} process
 * per node (one group, {@value #VERIFY_RATE} checked messages a second, until the faults are over
 * and the checks begin: its {@code --stop-file}),
 * a {@code ringsync quorum watch} per node, and CKPT writes ({@code ringsync ckpt put}) before,
 * during (as the scenario asks) and after the faults, besides the traffic nodes' own Totem
 * traffic. Then the scenario injects its faults through the helpers here; the frame heals every
 * live node ({@code fault heal}) and checks:
 * <ul>
 *   <li>one ring of every node within {@link #RING_BOUND} of the faults' end, quorate on every
 *       node (last quorum watch line);</li>
 *   <li>cpg verify: no violation on a node the scenario did not touch (kill, pause, actor kill),
 *       and, for every configuration verifiers entered from the same configuration and left for
 *       the same next one (they stayed together, see {@link VerifyOutput}), the same digest
 *       (same messages in the same agreed order) on each of them; the last configuration of each verifier, cut short at
 *       its exit, is not compared;</li>
 *   <li>the quorum watch of a node the scenario declares {@link #expectQuorateThroughout
 *       quorate throughout} never printed a NOT quorate line;</li>
 *   <li>{@code ckpt dump} identical on every node, each written section holding the last value
 *       written to it (either one where a write's outcome is unknown);</li>
 *   <li>then, as {@link TotemChaosIT#finish} and {@link TotemChaosIT#check}: every Totem message
 *       delivered where it must be, and the simulator's checkers on every process's log.</li>
 * </ul>
 */
final class ChaosScenario {

    /**
     * One ring of every node again within this once the faults end (healed, resumed, restarted):
     * {@link ChaosCluster#awaitRing} waits this long.
     */
    static final Duration RING_BOUND = ChaosCluster.DEADLINE;
    /** Totem messages a second from each traffic node. */
    static final int TRAFFIC_RATE = 5;
    /** cpg verify messages a second from each node. */
    static final int VERIFY_RATE = 20;
    private static final String GROUP = "chaos-verify";
    private static final String CHECKPOINT = "chaos";
    private static final int SECTIONS = 8;
    private static final Duration VERIFY_DRAIN = Duration.ofSeconds(20);
    /** Longer than any scenario: verifiers end on the stop file. */
    private static final Duration VERIFY_AT_MOST = Duration.ofMinutes(15);

    /** A scenario's faults, injected through the scenario's helpers. */
    @FunctionalInterface
    interface Faults {
        void inject(ChaosScenario scenario) throws Exception;
    }

    /** One cpg verify or quorum watch process, on node {@code nodeId}. */
    private record Load(int nodeId, String label, Process process) {
    }

    private final ChaosCluster cluster;
    private final List<String> report;
    private final Path stopVerifiers;
    private final List<Load> verifiers = new ArrayList<>();
    private final List<Load> watches = new ArrayList<>();
    private final Set<Integer> touched = new TreeSet<>();
    private final Set<Integer> alwaysQuorate = new TreeSet<>();
    private final Map<String, Set<String>> sectionDigests = new TreeMap<>();
    private int writes;
    private int launched;

    private ChaosScenario(ChaosCluster cluster, List<String> report) throws IOException {
        this.cluster = cluster;
        this.report = report;
        this.stopVerifiers = cluster.output("stop-verifiers");
        Files.deleteIfExists(stopVerifiers);
    }

    /**
     * Runs {@code faults} on a fresh cluster of {@code size} nodes under load, then the checks;
     * fails on any problem, keeping the logs.
     */
    static void run(String name, int size, Faults faults) throws Exception {
        try (ChaosCluster cluster = new ChaosCluster(name, size, TRAFFIC_RATE, "transport.fault_injection = true\n")) {
            TotemChaosIT.runScenario(name, cluster, report -> {
                for (int id : cluster.allNodes()) {
                    cluster.start(id);
                }
                report.add("first ring " + cluster.awaitRing(cluster.allNodes()));
                return new ChaosScenario(cluster, report).play(faults);
            });
        }
    }

    private List<String> play(Faults faults) throws Exception {
        for (int id : cluster.allNodes()) {
            awaitQuorate(id, true);
        }
        for (int id : cluster.allNodes()) {
            startLoad(id);
        }
        awaitVerifiersJoined();
        writeUntilStored(1);
        long began = System.currentTimeMillis();
        faults.inject(this);
        for (int id : cluster.live().keySet()) {
            fault(id, "heal");
        }
        long faultsEnded = System.currentTimeMillis();
        report.add("faults " + (faultsEnded - began) + " ms");
        cluster.awaitRing(cluster.allNodes());
        report.add("one ring again " + (System.currentTimeMillis() - faultsEnded) + " ms after the faults ended");
        for (int id : cluster.allNodes()) {
            awaitQuorate(id, true);
        }
        writeUntilStored(cluster.size());
        Files.writeString(stopVerifiers, "stop\n");
        List<String> problems = new ArrayList<>(checkVerifiers());
        problems.addAll(checkQuorumWatches());
        problems.addAll(checkCheckpoints());
        problems.addAll(TotemChaosIT.finish(cluster, report));
        problems.addAll(TotemChaosIT.check(cluster, report));
        return problems;
    }

    // ---- helpers for the scenarios ----

    ChaosCluster cluster() {
        return cluster;
    }

    /** Adds {@code line} to the scenario's report. */
    void report(String line) {
        report.add(line);
    }

    /** The quorum watches of {@code ids} must never print NOT quorate. */
    void expectQuorateThroughout(Collection<Integer> ids) {
        alwaysQuorate.addAll(ids);
    }

    /** SIGKILLs {@code ids} at once. */
    void kill(List<Integer> ids) throws Exception {
        touched.addAll(ids);
        cluster.kill(ids);
    }

    /** SIGTERMs {@code ids} at once (they leave the ring) and checks they exit 0. */
    void stop(List<Integer> ids) throws Exception {
        touched.addAll(ids);
        for (var code : cluster.stop(ids).entrySet()) {
            assertEquals(0, code.getValue(), "exit code of node " + code.getKey() + " after SIGTERM");
        }
    }

    /** SIGSTOPs node {@code id}. */
    void pause(int id) throws Exception {
        touched.add(id);
        cluster.pause(id);
    }

    /** SIGCONTs node {@code id}. */
    void resume(int id) throws Exception {
        cluster.resume(id);
    }

    /** Starts node {@code id} again, with a cpg verifier and a quorum watch. */
    void restart(int id) throws Exception {
        cluster.start(id);
        Poll.until("node " + id + " answering quorum status", ChaosCluster.DEADLINE,
                () -> cluster.command(id, "quorum", "status").exitCode() != 1, cluster::describe);
        startLoad(id);
    }

    /** Makes actor {@code path} of node {@code id} fail, and waits until its supervisor restarted it. */
    void killActor(int id, String path) throws Exception {
        touched.add(id);
        int before = restarts(id, path);
        fault(id, "kill-actor", path);
        Poll.until(path + " of node " + id + " restarted", ChaosCluster.DEADLINE,
                () -> restarts(id, path) > before, cluster::describe);
    }

    /** Runs {@code ringsync fault <args>} on node {@code id}, which must succeed. */
    void fault(int id, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("fault"));
        all.addAll(List.of(args));
        RingsyncProcesses.Result result = cluster.command(id, all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), String.join(" ", all) + " on node " + id + ": " + result.err());
    }

    /** Waits until {@code members} (live nodes) form one ring. */
    void awaitRing(List<Integer> members) throws Exception {
        report.add("ring " + cluster.awaitRing(members) + " of " + members);
    }

    /** Polls {@code quorum status} on node {@code id} until it is (exit 0) or is not (exit 2) quorate. */
    void awaitQuorate(int id, boolean quorate) throws Exception {
        int code = quorate ? 0 : 2;
        Poll.until("node " + id + (quorate ? " quorate" : " not quorate"), ChaosCluster.DEADLINE,
                () -> cluster.command(id, "quorum", "status").exitCode() == code, cluster::describe);
    }

    /** Waits until every live node of {@code ids} delivered at least {@code entries} more Totem log entries. */
    void awaitTraffic(Collection<Integer> ids, int entries) throws Exception {
        Map<Integer, Integer> marks = cluster.marks(ids);
        Poll.until(entries + " more deliveries on " + ids, ChaosCluster.DEADLINE, () -> {
            Map<Integer, Integer> now = cluster.marks(ids);
            return ids.stream().allMatch(id -> now.get(id) >= marks.get(id) + entries);
        }, cluster::describe);
    }

    /**
     * One CKPT write on node {@code id}, whose outcome may be refused or unknown during a fault:
     * either value of the section is then accepted in the end. True when it was stored.
     */
    boolean write(int id) throws Exception {
        return write(id, true);
    }

    /**
     * A CKPT write on one side of a partition: even once stored it may be undone by the heal,
     * since the first partition's copy of a checkpoint wins at a merge (openais CKPT's sync, see
     * README.md, "CKPT"), so either value of the section is accepted in the end.
     */
    boolean writeDuringPartition(int id) throws Exception {
        return write(id, false);
    }

    private boolean write(int id, boolean lasting) throws Exception {
        String section = "s" + (writes % SECTIONS);
        String value = "write " + writes + " on node " + id;
        writes++;
        boolean stored = cluster.command(id, "ckpt", "put", CHECKPOINT, section, "--text", value).exitCode() == 0;
        Set<String> digests = sectionDigests.computeIfAbsent(section, s -> new HashSet<>(Set.of("absent")));
        if (stored && lasting) {
            digests.clear();
        }
        digests.add(Digests.shortSha256(value.getBytes(StandardCharsets.UTF_8)));
        return stored;
    }

    /** {@code count} writes on node 1 (or the first live node), each retried until stored. */
    private void writeUntilStored(int count) throws Exception {
        int id = cluster.live().keySet().iterator().next();
        for (int k = 0; k < count; k++) {
            int number = writes;
            Poll.until("a CKPT write stored on node " + id, ChaosCluster.DEADLINE, () -> {
                writes = number;
                return write(id);
            }, cluster::describe);
        }
    }

    // ---- load ----

    private void startLoad(int id) throws Exception {
        String verify = "verify-n" + id + "-" + (++launched);
        verifiers.add(new Load(id, verify, cluster.startCommand(verify, id, "cpg", "verify", "--group", GROUP,
                "--rate", String.valueOf(VERIFY_RATE), "--duration", VERIFY_AT_MOST.toSeconds() + "s", "--stop-file",
                stopVerifiers.toString(), "--drain", VERIFY_DRAIN.toSeconds() + "s")));
        String watch = "watch-n" + id + "-" + launched;
        watches.add(new Load(id, watch, cluster.startCommand(watch, id, "quorum", "watch")));
    }

    private void awaitVerifiersJoined() throws Exception {
        Poll.until("every cpg verifier joined", ChaosCluster.DEADLINE, () -> {
            for (Load verifier : verifiers) {
                if (!cluster.outputOf(verifier.label()).contains("joined \"" + GROUP + "\"")) {
                    return false;
                }
            }
            return true;
        }, cluster::describe);
    }

    private int restarts(int id, String path) throws Exception {
        RingsyncProcesses.Result actors = cluster.command(id, "fault", "actors", "--json");
        if (actors.exitCode() != 0) {
            return -1;
        }
        for (JsonNode actor : Json.mapper().readTree(actors.out()).path("actors")) {
            if (actor.path("path").asText().equals(path)) {
                return actor.path("restarts").asInt();
            }
        }
        throw new AssertionError("node " + id + " has no killable actor " + path + ": " + actors.out());
    }

    // ---- checks ----

    /** Waits for every verifier to end; see the class comment for what is compared. */
    private List<String> checkVerifiers() throws Exception {
        long end = System.nanoTime() + VERIFY_DRAIN.plus(ChaosCluster.DEADLINE).toNanos();
        List<String> problems = new ArrayList<>();
        List<VerifyOutput> outputs = new ArrayList<>();
        for (Load verifier : verifiers) {
            if (!verifier.process().waitFor(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                problems.add(verifier.label() + " did not end");
                verifier.process().destroyForcibly();
                continue;
            }
            VerifyOutput output = VerifyOutput.parse(verifier.label(), cluster.outputOf(verifier.label()));
            outputs.add(output);
            if (!touched.contains(verifier.nodeId()) && (verifier.process().exitValue() != 0 || !output.clean())) {
                problems.add(verifier.label() + " on untouched node " + verifier.nodeId() + " exited "
                        + verifier.process().exitValue() + ": " + output.summary());
            }
        }
        problems.addAll(VerifyOutput.disagreements(outputs));
        long compared = VerifyOutput.sharedConfigurations(outputs);
        report.add(outputs.size() + " cpg verifiers, " + compared + " configurations seen by several, "
                + outputs.stream().mapToLong(VerifyOutput::delivered).sum() + " messages checked");
        return problems;
    }

    /** Every live node's watch ends on a quorate line; the nodes expected to stay quorate never printed otherwise. */
    private List<String> checkQuorumWatches() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, Load> current = new LinkedHashMap<>();
        watches.forEach(w -> current.put(w.nodeId(), w));
        Poll.until("every quorum watch ends on a quorate line", ChaosCluster.DEADLINE, () -> {
            for (Load watch : current.values()) {
                List<String> lines = cluster.outputOf(watch.label()).lines().toList();
                if (lines.isEmpty() || !lines.get(lines.size() - 1).contains(" quorate members ")) {
                    return false;
                }
            }
            return true;
        }, cluster::describe);
        for (Load watch : watches) {
            if (alwaysQuorate.contains(watch.nodeId())) {
                cluster.outputOf(watch.label()).lines().filter(l -> l.contains("NOT quorate"))
                        .forEach(l -> problems.add(watch.label() + " lost quorum: " + l));
            }
        }
        report.add(watches.size() + " quorum watches");
        return problems;
    }

    /** {@code ckpt dump} of every node: the same sections with the same digests, the expected ones. */
    private List<String> checkCheckpoints() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, Map<String, String>> dumps = new TreeMap<>();
        Poll.until("every node's checkpoint dump identical", ChaosCluster.DEADLINE, () -> {
            dumps.clear();
            for (int id : cluster.allNodes()) {
                RingsyncProcesses.Result dump = cluster.command(id, "ckpt", "dump", CHECKPOINT, "--json");
                if (dump.exitCode() != 0) {
                    return false;
                }
                Map<String, String> sections = new TreeMap<>();
                Json.mapper().readTree(dump.out()).path("sections")
                        .forEach(s -> sections.put(s.path("id").asText(), s.path("digest").asText()));
                dumps.put(id, sections);
            }
            return new HashSet<>(dumps.values()).size() == 1;
        }, dumps::toString);
        Map<String, String> sections = dumps.values().iterator().next();
        sectionDigests.forEach((section, digests) -> {
            String digest = sections.getOrDefault(section, "absent");
            if (!digests.contains(digest)) {
                problems.add("section " + section + " holds " + digest + ", not one of " + digests);
            }
        });
        report.add("checkpoint identical on " + dumps.size() + " nodes: " + sections.size() + " sections, " + writes
                + " writes");
        return problems;
    }
}
