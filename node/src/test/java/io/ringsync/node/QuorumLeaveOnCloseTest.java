package io.ringsync.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.node.cli.RingsyncCli;
import io.ringsync.quorum.QuorumStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With quorum.allow_downscale, a node that stops gracefully ({@link RingsyncNode#close()} or
 * {@code ringsync cfg shutdown}, one {@link GracefulLeave} sequence) announces its clean leave to
 * votequorum before it leaves the ring, so the survivors lower expected votes (votequorum(5): not
 * below the configured value, here 2, which three members raised to 3); a crash, or a
 * {@code cfg kill} (Corosync's kill skips the services' exit), leaves them at 3.
 */
class QuorumLeaveOnCloseTest {

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(RingsyncNode::close);
    }

    private static QuorumStatus await(RingsyncNode node, Predicate<QuorumStatus> accept) throws Exception {
        return QuorumPolls.await(node, accept);
    }

    private List<Path> startThreeDownscaling() throws Exception {
        List<Path> files = TestClusters.write(dir, 3);
        for (Path file : files) {
            Files.writeString(file, "\nquorum { allow_downscale = true, expected_votes = 2 }\n", StandardOpenOption.APPEND);
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        await(nodes.get(0), s -> s.quorate() && s.members().size() == 3 && s.expectedVotes() == 3);
        return files;
    }

    private static int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void cfgShutdownAnnouncesTheLeaveAndCfgKillDoesNot() throws Exception {
        List<Path> files = startThreeDownscaling();
        assertEquals(0, cli("cfg", "kill", "3", "-c", files.get(0).toString()));
        assertTrue(nodes.get(2).awaitTermination(Duration.ofSeconds(30)));
        QuorumStatus afterKill = await(nodes.get(0), s -> s.members().size() == 2);
        assertEquals(3, afterKill.expectedVotes(), "a killed node did not leave cleanly: " + afterKill);

        assertEquals(0, cli("cfg", "shutdown", "-c", files.get(1).toString()));
        assertTrue(nodes.get(1).awaitTermination(Duration.ofSeconds(30)));
        assertEquals("asked to shut down (ringsync cfg shutdown)", nodes.get(1).stopRequested().orElseThrow());
        QuorumStatus afterShutdown = await(nodes.get(0), s -> s.members().size() == 1);
        assertEquals(2, afterShutdown.expectedVotes(), "lowered to the configured floor: " + afterShutdown);
        assertEquals(1, afterShutdown.totalVotes());
    }

    @Test
    void aStoppingNodeLowersExpectedVotesOnTheSurvivors() throws Exception {
        startThreeDownscaling();
        nodes.remove(2).close();
        QuorumStatus after = await(nodes.get(0), s -> s.members().size() == 2 && s.expectedVotes() == 2);
        assertEquals(2, after.totalVotes());
    }
}
