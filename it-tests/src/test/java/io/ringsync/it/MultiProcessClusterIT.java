package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import io.ringsync.node.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes as three processes of the built jar on 127.0.0.1..3: they find each other and
 * form one Totem ring; a SIGTERM stops one cleanly (run directory removed) after it left the
 * ring, so the others see it disconnected and form a ring of two without a token loss.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterIT {

    private static final int NODES = 3;
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SHM = Path.of("/dev/shm");

    private RingsyncProcesses processes;
    private final List<Path> configs = new ArrayList<>();
    private final List<RingsyncSettings> settings = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private final Map<Integer, String> lastStatus = new HashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        processes = new RingsyncProcesses("MultiProcessClusterIT");
        Path confDir = processes.output().resolve("conf");
        FileModes.deleteRecursively(confDir);
        Path runParent = Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : processes.output().resolve("run");
        String cluster = "it-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(NODES));
        RingsyncProcesses.Result init = processes.run(CLI_TIMEOUT, "config", "init", "--nodes", String.valueOf(NODES),
                "--base-port", String.valueOf(port), "--dir", confDir.toString(), "--cluster-name", cluster,
                "--run-dir-parent", runParent.toString());
        assertEquals(0, init.exitCode(), init.err());
        for (int i = 1; i <= NODES; i++) {
            Path config = confDir.resolve("node" + i + ".conf");
            configs.add(config);
            settings.add(ConfigLoader.load(config));
            nodes.add(processes.start("node" + i, "node", "--config", config.toString()));
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (processes != null) {
            processes.killAll();
        }
        for (RingsyncSettings s : settings) {
            FileModes.deleteRecursively(s.system().runDir());
        }
    }

    @Test
    @Order(1)
    void everyNodeReportsBothPeersConnected() throws Exception {
        Set<Integer> converged = new TreeSet<>();
        Poll.until("every node reports both peers connected", CONVERGE, () -> {
            for (int i = 1; i <= NODES; i++) {
                if (!converged.contains(i) && peersUp(i, allBut(i)).orElse(false)) {
                    converged.add(i);
                }
            }
            return converged.size() == NODES;
        }, this::describe);
        for (int i = 1; i <= NODES; i++) {
            JsonNode report = Json.mapper().readTree(lastStatus.get(i));
            assertEquals(i, report.path("localNodeId").asInt());
            assertEquals(settings.get(0).clusterName(), report.path("clusterName").asText());
            assertTrue(report.path("links").isArray());
        }
        Poll.until("every node reports one OPERATIONAL ring of 1 2 3", CONVERGE,
                () -> oneRing(List.of(1, 2, 3)).isPresent(), this::describe);
    }

    @Test
    @Order(2)
    void sigtermStopsOneNodeCleanlyAndTheOthersSeeItGo() throws Exception {
        Process node3 = nodes.get(NODES - 1);
        node3.destroy();
        assertTrue(node3.waitFor(10, TimeUnit.SECONDS), "node3 did not exit within 10 s of SIGTERM");
        int code = node3.exitValue();
        assertTrue(code == 0 || code == 143, "node3 exit code " + code + "; " + RingsyncProcesses.read(processes.stderr("node3")));
        assertFalse(Files.exists(settings.get(NODES - 1).system().runDir()), "node3 left its run directory behind");
        Poll.until("nodes 1 and 2 report node3 disconnected", CONVERGE,
                () -> peersUp(1, Set.of(NODES)).map(up -> !up).orElse(false)
                        && peersUp(2, Set.of(NODES)).map(up -> !up).orElse(false),
                this::describe);
        Poll.until("nodes 1 and 2 report one OPERATIONAL ring of 1 2", CONVERGE,
                () -> oneRing(List.of(1, 2)).isPresent(), this::describe);
        for (int i = 1; i <= 2; i++) {
            JsonNode totem = Json.mapper().readTree(lastStatus.get(i)).path("totem");
            assertEquals(0, totem.path("tokenLosses").path("OPERATIONAL").asLong(),
                    "node " + i + " saw node3 leave, not a token loss: " + totem);
        }
    }

    /** The ring id every node of {@code ids} reports, OPERATIONAL with exactly {@code ids} as members; else empty. */
    private Optional<String> oneRing(List<Integer> ids) throws Exception {
        Set<String> rings = new TreeSet<>();
        for (int i : ids) {
            Optional<String> status = status(i);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            JsonNode totem = Json.mapper().readTree(status.get()).path("totem");
            List<Integer> members = new ArrayList<>();
            totem.path("members").forEach(m -> members.add(m.asInt()));
            if (!"OPERATIONAL".equals(totem.path("state").asText()) || !members.equals(ids)) {
                return Optional.empty();
            }
            rings.add(totem.path("ringId").asText());
        }
        return rings.size() == 1 ? Optional.of(rings.iterator().next()) : Optional.empty();
    }

    /**
     * Whether node {@code i} reports every node of {@code peers} up on link 0 (all of them
     * down when false); empty when the status could not be read or the peers disagree.
     */
    private Optional<Boolean> peersUp(int i, Set<Integer> peers) throws Exception {
        Optional<String> status = status(i);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Set<Boolean> states = new TreeSet<>();
        for (JsonNode link : Json.mapper().readTree(status.get()).path("links")) {
            if (!link.path("local").asBoolean() && link.path("linkNumber").asInt() == 0
                    && peers.contains(link.path("nodeId").asInt())) {
                states.add(link.path("up").asBoolean());
            }
        }
        return states.size() == 1 && countPeers(status.get(), peers) == peers.size()
                ? Optional.of(states.iterator().next()) : Optional.empty();
    }

    /** Node {@code i}'s {@code cfg status --json}, also kept for {@link #describe}; empty when it failed. */
    private Optional<String> status(int i) throws Exception {
        RingsyncProcesses.Result result = processes.run(CLI_TIMEOUT, "cfg", "status", "--json", "--config",
                configs.get(i - 1).toString());
        lastStatus.put(i, result.exitCode() == 0 ? result.out() : "exit " + result.exitCode() + ": " + result.err());
        return result.exitCode() == 0 ? Optional.of(result.out()) : Optional.empty();
    }

    private static long countPeers(String json, Set<Integer> peers) throws Exception {
        List<Integer> seen = new ArrayList<>();
        Json.mapper().readTree(json).path("links").forEach(link -> {
            if (!link.path("local").asBoolean() && link.path("linkNumber").asInt() == 0) {
                seen.add(link.path("nodeId").asInt());
            }
        });
        return peers.stream().filter(seen::contains).count();
    }

    private static Set<Integer> allBut(int node) {
        Set<Integer> peers = new TreeSet<>();
        for (int i = 1; i <= NODES; i++) {
            if (i != node) {
                peers.add(i);
            }
        }
        return peers;
    }

    private String describe() {
        return lastStatus.toString();
    }
}
