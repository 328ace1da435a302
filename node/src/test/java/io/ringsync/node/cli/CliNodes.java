package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.Json;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support for the CLI tests against real nodes in this JVM, registered as a JUnit extension
 * ({@code @RegisterExtension}) that stops the nodes after each test: the nodes' config files
 * (from {@link TestClusters}), the started nodes, a {@link CliRun} to drive them, and polling
 * helpers that fail with the last CLI output once {@link #DEADLINE_MS} has passed.
 */
final class CliNodes implements AfterEachCallback {

    /** How long a poll waits for its condition. */
    static final long DEADLINE_MS = 60_000;

    private final List<Path> files = new ArrayList<>();
    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final CliRun cli = new CliRun();

    /** Writes the config files of an {@code n}-node cluster into {@code dir}; no node starts yet. */
    CliNodes write(Path dir, int n) throws Exception {
        files.addAll(TestClusters.write(dir, n));
        return this;
    }

    /** Appends HOCON {@code lines} to node {@code id}'s config file. */
    CliNodes append(int id, String lines) throws Exception {
        Files.writeString(files.get(id - 1), "\n" + lines + "\n", StandardOpenOption.APPEND);
        return this;
    }

    /** Starts nodes {@code ids} from their config files, in that order. */
    void start(int... ids) throws Exception {
        for (int id : ids) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(files.get(id - 1))));
        }
    }

    /** Node {@code id}'s config file, as {@code -c} takes it. */
    String conf(int id) {
        return files.get(id - 1).toString();
    }

    /** The CLI runner (its last output). */
    CliRun cli() {
        return cli;
    }

    /** The started nodes, in start order. */
    List<RingsyncNode> nodes() {
        return nodes;
    }

    /** Polls {@code quorum status --json} of node {@code id} until {@code accept} passes; returns that status. */
    JsonNode awaitQuorumStatus(int id, Predicate<JsonNode> accept) throws Exception {
        JsonNode[] seen = new JsonNode[1];
        await("node " + id + "'s quorum status to match", () -> {
            if (cli.run("quorum", "status", "--json", "-c", conf(id)) == 1) {
                return false;
            }
            seen[0] = Json.mapper().readTree(cli.out());
            return accept.test(seen[0]);
        });
        return seen[0];
    }

    /** Polls {@code condition} every 100 ms until it holds; fails with the last CLI output after the deadline. */
    void await(String what, ThrowingCondition condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + DEADLINE_MS + " ms; last: " + cli.out() + cli.err());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        nodes.forEach(RingsyncNode::close);
    }

    /** A condition that may throw. */
    @FunctionalInterface
    interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
