package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.Json;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync quorum} against three real nodes: the status as corosync-quorumtool prints it
 * (and as JSON) with its exit codes, a refused and an applied change, the watch line, and the
 * inquorate status once the heavy node is gone.
 */
class QuorumCliTest {

    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final CliRun cli = new CliRun();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    private String conf(int id) {
        return files.get(id - 1).toString();
    }

    /** Polls {@code quorum status --json} on node {@code id} until {@code accept} passes; returns it. */
    private JsonNode awaitStatus(int id, Predicate<JsonNode> accept) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        String last = "";
        while (System.nanoTime() < end) {
            int code = run("quorum", "status", "--json", "-c", conf(id));
            last = code + " " + out() + err();
            if (code != 1) {
                JsonNode status = Json.mapper().readTree(out());
                if (accept.test(status)) {
                    return status;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("node " + id + " status never matched; last: " + last);
    }

    @Test
    void statusChangesAndWatchAgainstRealNodes() throws Exception {
        files.addAll(TestClusters.write(dir, 3));
        for (Path file : files) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        for (int id = 1; id <= 3; id++) {
            awaitStatus(id, s -> s.path("quorate").asBoolean() && s.path("members").size() == 3);
        }

        assertEquals(0, run("quorum", "status", "-c", conf(1)), err());
        String text = out();
        for (String line : List.of("Quorum provider:  ringsync_votequorum", "Nodes:            3",
                "Node ID:          1", "Quorate:          Yes", "Expected votes:   3", "Highest expected: 3",
                "Total votes:      3", "Quorum:           2\n", "Flags:            Quorate\n",
                "    Nodeid      Votes Name", "         1          1 node1 (local)", "         3          1 node3\n")) {
            assertTrue(text.contains(line), "missing \"" + line + "\" in:\n" + text);
        }

        assertEquals(1, run("quorum", "expected", "2", "-c", conf(2)));
        assertEquals("ringsync: quorum expected: expected votes 2 is below the total votes 3\n", err());

        assertEquals(0, run("quorum", "votes", "--node", "2", "3", "-c", conf(1)), err());
        assertEquals("votes of node 2 set to 3\n", out());
        JsonNode heavy = awaitStatus(3, s -> s.path("totalVotes").asInt() == 5);
        assertEquals(List.of(5, 3, 3), List.of(heavy.path("expectedVotes").asInt(), heavy.path("quorum").asInt(),
                heavy.path("members").get(1).path("votes").asInt()), heavy.toString());

        assertEquals(0, run("quorum", "watch", "--changes", "1", "-c", conf(3)), err());
        assertTrue(out().matches("\\S+ ring \\S+ quorate members 1:1,2:3,3:1 total 5 expected 5 quorum 3 flags Quorate\n"),
                out());

        nodes.get(1).close();
        awaitStatus(1, s -> s.path("members").size() == 2);
        assertEquals(2, run("quorum", "status", "-c", conf(1)), out() + err());
        assertTrue(out().contains("Quorum:           3 Activity blocked\n"), out());
        assertTrue(out().contains("Quorate:          No\n"), out());

        assertEquals(1, run("quorum", "status", "-s", dir.resolve("nobody.sock").toString()));
        assertTrue(err().startsWith("ringsync: quorum status: ") && err().lines().count() == 1, err());
    }
}
