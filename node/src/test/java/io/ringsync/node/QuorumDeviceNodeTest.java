package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.quorum.InProcessArbiter;
import io.ringsync.quorum.QuorumFlag;
import io.ringsync.quorum.QuorumStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's {@code quorum.device} section turned into a device, over real nodes: three nodes of
 * one vote and a device of two (expected 5, quorum 3) deciding through one in-process arbiter
 * that favours node 1. With nodes 2 and 3 stopped, node 1 stays quorate on its vote and the
 * device's (3 of 5), as a qdevice keeps a last node running; {@code ringsync quorum status} shows
 * the Qdevice row and CMAP the device's votes. When the arbiter turns to node 2, node 1's next
 * heartbeat ask (quorum.device.timeout) withdraws the votes and node 1 blocks.
 */
class QuorumDeviceNodeTest {

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    private static QuorumStatus await(RingsyncNode node, Predicate<QuorumStatus> accept) throws Exception {
        return QuorumPolls.await(node, accept);
    }

    private int cli(String... args) {
        out.reset();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return RingsyncCli.run(stream, stream, args);
    }

    @Test
    void theConfiguredDeviceKeepsTheLastNodeQuorateWhileTheArbiterFavoursIt() throws Exception {
        InProcessArbiter arbiter = new InProcessArbiter("test-arbiter", 1, 1);
        List<Path> files = TestClusters.write(dir, 3);
        for (Path file : files) {
            Files.writeString(file, "\nquorum { device { votes = 2, timeout = 1s } }\n", StandardOpenOption.APPEND);
            nodes.add(RingsyncNode.start(ConfigLoader.load(file), arbiter));
        }
        QuorumStatus all = await(nodes.get(0), s -> s.members().size() == 3 && s.deviceVotes() == 2);
        assertEquals(List.of(true, 5, 5, 3), List.of(all.quorate(), all.totalVotes(), all.expectedVotes(), all.quorum()),
                all.toString());
        assertTrue(all.flags().contains(QuorumFlag.QDEVICE), all.toString());

        nodes.get(2).close();
        nodes.get(1).close();
        QuorumStatus alone = await(nodes.get(0), s -> s.members().size() == 1);
        assertEquals(List.of(true, 3, 5, 3, 2), List.of(alone.quorate(), alone.totalVotes(), alone.expectedVotes(),
                alone.quorum(), alone.deviceVotes()), "node 1's vote and the device's: " + alone);
        String conf = files.get(0).toString();
        assertEquals(0, cli("quorum", "status", "-c", conf), out.toString(StandardCharsets.UTF_8));
        String status = out.toString(StandardCharsets.UTF_8);
        assertTrue(status.contains("Total votes:      3\n") && status.contains("         0          2 Qdevice\n"), status);
        assertEquals(0, cli("cmap", "get", "-q", "runtime.votequorum.device_votes", "-c", conf));
        assertEquals("2", out.toString(StandardCharsets.UTF_8).strip());

        arbiter.favour(2);
        QuorumStatus withdrawn = await(nodes.get(0), s -> s.deviceVotes() == 0);
        assertEquals(List.of(false, 1), List.of(withdrawn.quorate(), withdrawn.totalVotes()), withdrawn.toString());
        assertEquals(2, cli("quorum", "status", "-c", conf), "not quorate: exit 2");
    }

    @Test
    void anArbiterWithoutAConfiguredDeviceIsRefused() {
        Path file = TestClusters.write(dir, 1).get(0);
        NodeStartRefusedException refused = assertThrows(NodeStartRefusedException.class,
                () -> RingsyncNode.start(ConfigLoader.load(file), new InProcessArbiter("a", 1, 1)));
        assertEquals("node 1: a quorum device arbiter (a) was given, but the config has no quorum.device section",
                refused.getMessage());
    }
}
