package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.node.logging.LoggingSetup;
import io.ringsync.node.fault.ActorCrash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The blackbox: {@code ringsync blackbox} dumps a running node's recent events, DEBUG included,
 * even when its outputs log warnings only; a node whose Totem keeps failing stops and leaves its
 * blackbox in its state directory; without a node's logging set up, the tool says there is none.
 */
class BlackboxTest {

    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    private RingsyncNode node;

    @AfterEach
    void close() throws Exception {
        if (node != null) {
            node.close();
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        out.reset();
        err.reset();
        return RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), args);
    }

    @Test
    void dumpsTheRecentDebugEventsOfARunningNode() throws Exception {
        Path file = TestClusters.write(dir, 1).get(0);
        Files.writeString(file, Files.readString(file) + "logging.level = warn\n");
        RingsyncSettings settings = ConfigLoader.load(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        node = RingsyncNode.start(settings);
        assertEquals(1, cli(out, err, "blackbox", "-c", file.toString()));
        assertEquals("ringsync: blackbox: cfg.blackbox: this node's JVM keeps no blackbox (its logging was not set up "
                + "by `ringsync node`)\n", err.toString(StandardCharsets.UTF_8));
        node.close();

        LoggingSetup.configure(settings.logging(), "node1");
        node = RingsyncNode.start(settings);
        assertEquals(0, cli(out, err, "blackbox", "-c", file.toString()), err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(".* DEBUG \\[node1\\] TotemActor: totem starting from ring seq .*")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO  [node1] ") && l.contains("node 1 of cluster")),
                String.join("\n", lines));
    }

    @Test
    void aNodeStoppedByRepeatedFailuresLeavesItsBlackboxInItsStateDirectory() throws Exception {
        RingsyncSettings settings = ConfigLoader.load(TestClusters.write(dir, 1).get(0));
        LoggingSetup.configure(new io.ringsync.config.LoggingSettings("error", true, Optional.empty(),
                java.util.Map.of(), 500), "node1");
        node = RingsyncNode.start(settings, ActorCrash::crashable);
        long stopBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!node.awaitTermination(Duration.ofMillis(200))) {
            assertTrue(System.nanoTime() < stopBy, "the node did not stop after Totem's repeated failures");
            ActorCrash.crash(node.totem());
        }
        assertTrue(node.stoppedByFailure());
        Path stateDir = settings.system().stateDir();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        Optional<Path> dump = blackboxFile(stateDir);
        while (dump.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(100);
            dump = blackboxFile(stateDir);
        }
        List<String> lines = Files.readAllLines(dump.orElseThrow(() -> new AssertionError("no blackbox in " + stateDir)));
        assertEquals("# ringsync blackbox of node1: stopped after repeated failures", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("failure injected on request")), String.join("\n", lines));
    }

    private static Optional<Path> blackboxFile(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            return files.filter(f -> f.getFileName().toString().matches("blackbox-.*\\.txt")).findFirst();
        }
    }
}
