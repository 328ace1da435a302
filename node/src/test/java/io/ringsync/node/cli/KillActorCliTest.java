package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync fault actors} and {@code fault kill-actor} against two real nodes with
 * {@code transport.fault_injection = true}: every supervised actor of node 2 is made to fail in
 * turn; each time its restart count goes up by one, and a checkpoint section written on either
 * node afterwards reaches the other (so the restarted transport, Totem, services and IPC endpoint
 * all work again). Unknown paths and a node without the setting are refused in one line.
 */
class KillActorCliTest {

    private static final long DEADLINE_MS = 60_000;
    private static final List<String> KILLABLE = List.of("/user/transport", "/user/link-monitor", "/user/totem",
            "/user/service-sync", "/user/quorum", "/user/cpg", "/user/ckpt", "/user/cmap", "/user/ipc");

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final CliRun cli = new CliRun();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    private String conf(int id) {
        return files.get(id - 1).toString();
    }

    @Test
    void everyActorOfANodeCanBeKilledAndComesBack() throws Exception {
        files.addAll(TestClusters.write(dir, 2));
        for (Path file : files) {
            Files.writeString(file, "\ntransport.fault_injection = true\ntotem { token = 1000ms }\n",
                    StandardOpenOption.APPEND);
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        assertEquals(0, cli.run("fault", "actors", "-c", conf(2)), cli.err());
        assertEquals(String.join("\n", KILLABLE) + "\n", cli.out());
        awaitSectionEverywhere("before");

        for (String path : KILLABLE) {
            int before = restarts(path);
            String name = path.substring("/user/".length());
            String asked = name.equals("totem") ? "akka://ringsync-node2/user/totem" : name.equals("cpg") ? name : path;
            assertEquals(0, cli.run("fault", "kill-actor", asked, "-c", conf(2)), cli.err());
            assertEquals("node 2: " + path + " made to fail; its supervisor restarts it\n", cli.out());
            await(path + " restarted once more than " + before, () -> restarts(path) == before + 1);
            awaitSectionEverywhere("after-" + name);
        }
    }

    @Test
    void unknownPathsAndNodesWithoutTheSettingAreRefused() throws Exception {
        files.addAll(TestClusters.write(dir, 2));
        Files.writeString(files.get(0), "\ntransport.fault_injection = true\n", StandardOpenOption.APPEND);
        for (Path file : files) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        assertEquals(1, cli.run("fault", "kill-actor", "/user/nothing", "-c", conf(1)));
        assertEquals("ringsync: fault kill-actor: no killable actor \"/user/nothing\" on node 1 (killable: "
                + String.join(", ", KILLABLE) + ")\n", cli.err());
        String off = "fault injection is off on node 2 (set transport.fault_injection = true in its config;"
                + " test clusters only)\n";
        assertEquals(1, cli.run("fault", "kill-actor", "/user/totem", "-c", conf(2)));
        assertEquals("ringsync: fault kill-actor: " + off, cli.err());
        assertEquals(1, cli.run("fault", "actors", "-c", conf(2)));
        assertEquals("ringsync: fault actors: " + off, cli.err());
        assertEquals(2, cli.run("fault", "kill-actor", "-c", conf(1)));
        assertTrue(cli.err().startsWith("ringsync: Missing required parameter: 'PATH'"), cli.err());
    }

    /** Node 2's restart count of {@code path}, from {@code fault actors --json}; -1 while it cannot be asked. */
    private int restarts(String path) throws Exception {
        if (cli.run("fault", "actors", "--json", "-c", conf(2)) != 0) {
            return -1;
        }
        for (JsonNode actor : Json.mapper().readTree(cli.out()).path("actors")) {
            if (actor.path("path").asText().equals(path)) {
                return actor.path("restarts").asInt();
            }
        }
        throw new AssertionError(path + " is not listed: " + cli.out());
    }

    /** Sections written on node 1 and on node 2 into checkpoint {@code id} both show on both nodes. */
    private void awaitSectionEverywhere(String id) throws Exception {
        for (int writer = 1; writer <= 2; writer++) {
            String section = "from-" + writer;
            String conf = conf(writer);
            await("ckpt put " + id + " " + section + " on node " + writer,
                    () -> cli.run("ckpt", "put", id, section, "--text", section, "-c", conf) == 0);
            for (int reader = 1; reader <= 2; reader++) {
                String readerConf = conf(reader);
                await("section " + section + " of " + id + " on node " + reader, () -> cli.run("ckpt", "dump", id, "-c",
                        readerConf) == 0 && cli.out().contains("\n" + section + " "));
            }
        }
    }

    /** Polls {@code condition} every 100 ms until it holds; fails with the last CLI output after the deadline. */
    private void await(String what, ThrowingCondition condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + DEADLINE_MS + " ms; last: " + cli.out() + cli.err());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** A condition that may throw. */
    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
