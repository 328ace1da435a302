package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync quorum} against three real nodes: the status as corosync-quorumtool prints it
 * (and as JSON) with its exit codes, a refused and an applied change, the watch line, and the
 * inquorate status once the heavy node is gone.
 */
class QuorumCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliNodes cluster = new CliNodes();
    private final CliRun cli = cluster.cli();

    private JsonNode awaitStatus(int id, Predicate<JsonNode> accept) throws Exception {
        return cluster.awaitQuorumStatus(id, accept);
    }

    @Test
    void statusChangesAndWatchAgainstRealNodes() throws Exception {
        cluster.write(dir, 3).start(1, 2, 3);
        for (int id = 1; id <= 3; id++) {
            awaitStatus(id, s -> s.path("quorate").asBoolean() && s.path("members").size() == 3);
        }

        assertEquals(0, cli.run("quorum", "status", "-c", cluster.conf(1)), cli.err());
        String text = cli.out();
        for (String line : List.of("Quorum provider:  ringsync_votequorum", "Nodes:            3",
                "Node ID:          1", "Quorate:          Yes", "Expected votes:   3", "Highest expected: 3",
                "Total votes:      3", "Quorum:           2\n", "Flags:            Quorate\n",
                "    Nodeid      Votes Name", "         1          1 node1 (local)", "         3          1 node3\n")) {
            assertTrue(text.contains(line), "missing \"" + line + "\" in:\n" + text);
        }

        assertEquals(1, cli.run("quorum", "expected", "2", "-c", cluster.conf(2)));
        assertEquals("ringsync: quorum expected: expected votes 2 is below the total votes 3\n", cli.err());

        assertEquals(0, cli.run("quorum", "votes", "--node", "2", "3", "-c", cluster.conf(1)), cli.err());
        assertEquals("votes of node 2 set to 3\n", cli.out());
        JsonNode heavy = awaitStatus(3, s -> s.path("totalVotes").asInt() == 5);
        assertEquals(List.of(5, 3, 3), List.of(heavy.path("expectedVotes").asInt(), heavy.path("quorum").asInt(),
                heavy.path("members").get(1).path("votes").asInt()), heavy.toString());

        assertEquals(0, cli.run("quorum", "watch", "--changes", "1", "-c", cluster.conf(3)), cli.err());
        assertTrue(cli.out().matches("\\S+ ring \\S+ quorate members 1:1,2:3,3:1 total 5 expected 5 quorum 3 flags Quorate\n"),
                cli.out());

        cluster.nodes().get(1).close();
        awaitStatus(1, s -> s.path("members").size() == 2);
        assertEquals(2, cli.run("quorum", "status", "-c", cluster.conf(1)), cli.out() + cli.err());
        assertTrue(cli.out().contains("Quorum:           3 Activity blocked\n"), cli.out());
        assertTrue(cli.out().contains("Quorate:          No\n"), cli.out());

        assertEquals(1, cli.run("quorum", "status", "-s", dir.resolve("nobody.sock").toString()));
        assertTrue(cli.err().startsWith("ringsync: quorum status: ") && cli.err().lines().count() == 1, cli.err());
    }
}
