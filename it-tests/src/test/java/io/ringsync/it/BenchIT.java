package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ringsync bench} on three processes of the built jar, every node sending for 2 s with a
 * small window: each prints one BENCH line, delivered something, found every sender's messages
 * in FIFO order with none lost, and all three delivered the same total order. Behaviour only:
 * no figure is checked (the figures are it-tests/bench/totem-bench.sh's).
 */
class BenchIT {

    private static final int NODES = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final Path SHM = Path.of("/dev/shm");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private RingsyncProcesses processes;
    private Path runParent;
    private String cluster;

    @AfterEach
    void cleanUp() throws Exception {
        if (processes != null) {
            processes.killAll();
        }
        for (int i = 1; i <= NODES && cluster != null; i++) {
            FileModes.deleteRecursively(runParent.resolve(cluster + "-node" + i));
        }
    }

    @Test
    void everyNodeSendsAndAllDeliverTheSameOrderWithNothingLost() throws Exception {
        processes = new RingsyncProcesses("BenchIT");
        Path confDir = processes.output().resolve("conf");
        FileModes.deleteRecursively(confDir);
        runParent = Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : processes.output().resolve("run");
        cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(NODES));
        RingsyncProcesses.Result init = processes.run(Duration.ofSeconds(60), "config", "init", "--nodes",
                String.valueOf(NODES), "--base-port", String.valueOf(port), "--dir", confDir.toString(),
                "--cluster-name", cluster, "--run-dir-parent", runParent.toString());
        assertEquals(0, init.exitCode(), init.err());

        List<Process> benches = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            benches.add(processes.start("bench" + i, "bench", "--config", confDir.resolve("node" + i + ".conf").toString(),
                    "--senders", String.valueOf(NODES), "--size", "256", "--window-bytes", "8192",
                    "--warmup", "0s", "--duration", "2s"));
        }
        List<Map<String, String>> results = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            Process bench = benches.get(i - 1);
            assertTrue(bench.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "bench " + i + " still running");
            String out = RingsyncProcesses.read(processes.stdout("bench" + i));
            assertEquals(0, bench.exitValue(), out + RingsyncProcesses.read(processes.stderr("bench" + i)));
            results.add(fields(out.strip()));
        }
        for (Map<String, String> result : results) {
            assertEquals("true", result.get("order_ok"), result.toString());
            assertEquals(NODES + "/" + NODES, result.get("ends"), result.toString());
            assertTrue(Long.parseLong(result.get("delivered")) > 0, result.toString());
            assertTrue(Long.parseLong(result.get("sent")) > 0, result.toString());
        }
        assertEquals(1, results.stream().map(r -> r.get("order_hash")).distinct().count(), results.toString());
    }

    private static Map<String, String> fields(String line) {
        assertTrue(line.startsWith("BENCH "), line);
        Matcher matcher = FIELD.matcher(line);
        return matcher.results().collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> b));
    }
}
