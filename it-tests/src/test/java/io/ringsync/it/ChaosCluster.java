package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import io.ringsync.node.Json;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.DeliveryLog.Configuration;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of {@link TrafficNode} processes on 127.0.0.1..N for {@link TotemChaosIT}: writes
 * the configs with {@code ringsync config init} (run directories in a temporary directory of
 * {@code /dev/shm}, removed by {@link #close()}), starts, kills, pauses, resumes and stops node
 * processes, and waits on what their {@link TrafficLog}s say. Every incarnation of a node
 * writes its own log ({@code logs/n<id>.<incarnation>.log}) next to its stdout and stderr
 * under {@code target/it-output/<test>/}.
 */
final class ChaosCluster implements AutoCloseable {

    /** Generous: 2-core CI machines run several JVMs besides these. */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Path SHM = Path.of("/dev/shm");
    /**
     * A 1 s token, and Corosync's visit of 17 frames: the defaults' 60 are sized for the
     * receiver window of 2 MiB terms, and these clusters run on {@link TrafficPayloads#TERM_LENGTH}
     * terms (the scenarios' bounds were measured with 17).
     */
    private static final String TOTEM_TIMERS = "totem { token = 1000ms, max_messages = 17, window_size = 50 }\n";

    /** One process of a node. */
    record Incarnation(int nodeId, int number, Process process, Path log) {

        /** The process name of the delivery checkers: {@code n<id>.<incarnation>}. */
        String name() {
            return "n" + nodeId + "." + number;
        }
    }

    private final RingsyncProcesses processes;
    private final int size;
    private final int rate;
    private final Path runParent;
    private final Path stopFile;
    private final List<Path> configs = new ArrayList<>();
    private final List<RingsyncSettings> settings = new ArrayList<>();
    private final Map<Integer, Incarnation> live = new LinkedHashMap<>();
    private final List<Incarnation> all = new ArrayList<>();
    private final Set<Integer> paused = new HashSet<>();
    private final Map<Integer, String> lastSeen = new HashMap<>();

    /** Writes the configs of a {@code size}-node cluster whose nodes will each send {@code rate} messages a second. */
    ChaosCluster(String testName, int size, int rate) throws Exception {
        this(testName, size, rate, "");
    }

    /** As the other constructor, with {@code extraConfig} (HOCON) appended to every node's config. */
    ChaosCluster(String testName, int size, int rate, String extraConfig) throws Exception {
        this.processes = new RingsyncProcesses(testName);
        this.size = size;
        this.rate = rate;
        FileModes.deleteRecursively(processes.output());
        Files.createDirectories(processes.output().resolve("logs"));
        this.stopFile = processes.output().resolve("stop-traffic");
        Files.deleteIfExists(stopFile);
        this.runParent = Files.createTempDirectory(Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM
                : processes.output(), "ringsync-chaos-");
        writeConfigs(processes.output().resolve("conf"), extraConfig);
    }

    private void writeConfigs(Path dir, String extraConfig) throws Exception {
        String cluster = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(size));
        RingsyncProcesses.Result init = processes.run(CLI_TIMEOUT, "config", "init", "--nodes", String.valueOf(size),
                "--base-port", String.valueOf(port), "--dir", dir.toString(), "--cluster-name", cluster,
                "--run-dir-parent", runParent.toString());
        assertEquals(0, init.exitCode(), init.err());
        for (int id = 1; id <= size; id++) {
            Path config = dir.resolve("node" + id + ".conf");
            Files.writeString(config, "\n# TotemChaosIT: quick timers; a 32 KiB Totem payload cap, so large messages fragment\n"
                    + TOTEM_TIMERS + "transport { term_length = " + TrafficPayloads.TERM_LENGTH
                    // Aeron refuses an MTU above term length / 8 (32 KiB here), and loopback_mtu is 65504 by default
                    + ", loopback_mtu = 32768 }\n" + extraConfig,
                    StandardOpenOption.APPEND);
            configs.add(config);
            settings.add(ConfigLoader.load(config));
        }
    }

    int size() {
        return size;
    }

    RingsyncSettings settings(int nodeId) {
        return settings.get(nodeId - 1);
    }

    /** The nodes 1..size. */
    List<Integer> allNodes() {
        return nodesBut(List.of());
    }

    /** The nodes 1..size but {@code excluded}, in order. */
    List<Integer> nodesBut(Collection<Integer> excluded) {
        List<Integer> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            if (!excluded.contains(id)) {
                nodes.add(id);
            }
        }
        return nodes;
    }

    /** Starts the next incarnation of node {@code id}, sending until {@link #stopTraffic()} (at most 5 minutes). */
    Incarnation start(int id) throws IOException, URISyntaxException {
        int number = (int) all.stream().filter(i -> i.nodeId() == id).count() + 1;
        Path log = processes.output().resolve("logs").resolve("n" + id + "." + number + ".log");
        Path testClasses = Path.of(TrafficNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process process = processes.startMain("n" + id + "." + number, List.of(testClasses),
                TrafficNode.class.getName(), "--config", configs.get(id - 1).toString(),
                "--incarnation", String.valueOf(number), "--log", log.toString(), "--rate", String.valueOf(rate),
                "--send-for", "300s", "--stop-file", stopFile.toString());
        Incarnation incarnation = new Incarnation(id, number, process, log);
        live.put(id, incarnation);
        all.add(incarnation);
        return incarnation;
    }

    /** SIGKILLs every node of {@code ids} at once; returns the time they were killed (epoch ms). */
    long kill(Collection<Integer> ids) throws InterruptedException {
        long at = System.currentTimeMillis();
        List<Process> killed = ids.stream().map(id -> live.remove(id).process()).toList();
        killed.forEach(Process::destroyForcibly);
        for (Process process : killed) {
            process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return at;
    }

    /** SIGSTOPs node {@code id}: it stays a live process, frozen. */
    void pause(int id) throws IOException, InterruptedException {
        signal("STOP", id);
        paused.add(id);
    }

    /** SIGCONTs node {@code id}. */
    void resume(int id) throws IOException, InterruptedException {
        signal("CONT", id);
        paused.remove(id);
    }

    private void signal(String signal, int id) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(live.get(id).process().pid()))
                .redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        assertEquals(0, kill.waitFor(), "kill -" + signal + " of node " + id + ": " + output);
    }

    /** SIGTERMs the nodes {@code ids} at once and waits for them to exit; returns their exit codes. */
    Map<Integer, Integer> stop(Collection<Integer> ids) throws InterruptedException {
        Map<Integer, Process> stopping = new LinkedHashMap<>();
        ids.forEach(id -> stopping.put(id, live.remove(id).process()));
        stopping.values().forEach(Process::destroy);
        Map<Integer, Integer> codes = new LinkedHashMap<>();
        for (var e : stopping.entrySet()) {
            codes.put(e.getKey(), e.getValue().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    ? e.getValue().exitValue() : -1);
        }
        return codes;
    }

    /** Makes every node stop sending (the stop file), as if their --send-for ran out now. */
    void stopTraffic() throws IOException {
        Files.writeString(stopFile, "stop\n");
    }

    /** The live (not killed, not stopped) incarnations, paused ones included, by node id. */
    Map<Integer, Incarnation> live() {
        return live;
    }

    /** Every incarnation started, in order. */
    List<Incarnation> incarnations() {
        return all;
    }

    TrafficLogFile read(Incarnation incarnation) throws IOException {
        return TrafficLogFile.read(incarnation.log(), incarnation.name());
    }

    /** The logs of the live incarnations of {@code ids}, in order. */
    List<TrafficLogFile> readLive(Collection<Integer> ids) throws IOException {
        List<TrafficLogFile> logs = new ArrayList<>();
        for (int id : ids) {
            logs.add(read(live.get(id)));
        }
        return logs;
    }

    /** How many delivery-log entries each live node of {@code ids} has now, by node id. */
    Map<Integer, Integer> marks(Collection<Integer> ids) throws IOException {
        Map<Integer, Integer> marks = new LinkedHashMap<>();
        for (int id : ids) {
            marks.put(id, read(live.get(id)).deliveries().entries().size());
        }
        return marks;
    }

    /**
     * Waits until every node of {@code members} (live incarnations) delivered as its last
     * REGULAR configuration one ring of exactly {@code members}; returns its id.
     */
    RingId awaitRing(List<Integer> members) throws Exception {
        RingId[] ring = new RingId[1];
        Poll.until("one ring of " + members + " in the logs of its members", DEADLINE, () -> {
            Set<RingId> rings = new HashSet<>();
            boolean all = true;
            for (TrafficLogFile log : readLive(members)) {
                Configuration regular = log.deliveries().lastRegular();
                lastSeen.put(Integer.parseInt(log.process().substring(1, log.process().indexOf('.'))),
                        log.process() + " " + (regular == null ? "no ring" : regular.ringId() + " " + regular.members()));
                all &= regular != null && regular.members().equals(members);
                if (regular != null) {
                    rings.add(regular.ringId());
                }
            }
            ring[0] = all && rings.size() == 1 ? rings.iterator().next() : null;
            return ring[0] != null;
        }, this::describe);
        return ring[0];
    }

    /**
     * Runs {@code ringsync <args> --config <node id's config>} and returns its result (a node
     * command such as {@code fault cut --both 4,5} or {@code quorum status}).
     */
    RingsyncProcesses.Result command(int id, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", configs.get(id - 1).toString()));
        RingsyncProcesses.Result result = processes.run(CLI_TIMEOUT, all.toArray(String[]::new));
        lastSeen.put(0, String.join(" ", args) + " on node " + id + ": exit " + result.exitCode() + " " + result.out()
                + result.err());
        return result;
    }

    /**
     * Starts {@code ringsync <args> --config <node id's config>} in the background (such as
     * {@code cpg verify} or {@code quorum watch}); its output goes to {@link #outputOf(String)}.
     */
    Process startCommand(String label, int id, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", configs.get(id - 1).toString()));
        return processes.start(label, all.toArray(String[]::new));
    }

    /** File {@code name} in the output directory. */
    Path output(String name) {
        return processes.output().resolve(name);
    }

    /** What the background command {@code label} printed on standard output so far. */
    String outputOf(String label) throws IOException {
        return RingsyncProcesses.read(processes.stdout(label));
    }

    /** Node {@code id}'s token losses in every state, from {@code cfg status --json}. */
    long tokenLosses(int id) throws Exception {
        long[] losses = new long[1];
        Poll.until("cfg status --json of node " + id, DEADLINE, () -> {
            RingsyncProcesses.Result status = processes.run(CLI_TIMEOUT, "cfg", "status", "--json", "--config",
                    configs.get(id - 1).toString());
            lastSeen.put(0, "cfg status of node " + id + ": exit " + status.exitCode() + " " + status.out() + status.err());
            if (status.exitCode() != 0) {
                return false;
            }
            JsonNode tokenLosses = Json.mapper().readTree(status.out()).path("totem").path("tokenLosses");
            losses[0] = 0;
            tokenLosses.forEach(count -> losses[0] += count.asLong());
            return tokenLosses.size() > 0;
        }, this::describe);
        return losses[0];
    }

    /**
     * Writes {@code cfg status --json} of every live node that is not paused to
     * {@code status-n<id>.<incarnation>.json} in the output directory: counters for a post-mortem.
     */
    void dumpStatus() {
        for (Incarnation incarnation : live.values()) {
            if (paused.contains(incarnation.nodeId())) {
                continue;
            }
            try {
                RingsyncProcesses.Result status = processes.run(CLI_TIMEOUT, "cfg", "status", "--json", "--config",
                        configs.get(incarnation.nodeId() - 1).toString());
                Files.writeString(processes.output().resolve("status-" + incarnation.name() + ".json"),
                        status.out() + status.err());
            } catch (IOException | InterruptedException e) {
                lastSeen.put(-incarnation.nodeId(), "no status: " + e);
            }
        }
    }

    /** Copies the output directory (logs, stderr, configs) to a sibling named after now, which no later run clears; returns it. */
    Path keepOutput() throws IOException {
        Path source = processes.output();
        Path kept = source.resolveSibling(source.getFileName() + "-failed-" + System.currentTimeMillis());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, kept.resolve(source.relativize(file).toString()));
            }
        }
        return kept;
    }

    /** What the last waits saw, for failure messages. */
    String describe() {
        return lastSeen.toString();
    }

    /** Kills every process still running and removes the run directories. */
    @Override
    public void close() throws IOException {
        try {
            processes.killAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            FileModes.deleteRecursively(runParent);
        }
    }
}
