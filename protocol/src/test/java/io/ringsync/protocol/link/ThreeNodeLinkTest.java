package io.ringsync.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes over real Aeron UDP on loopback: links come up, go down with a node, come back. */
class ThreeNodeLinkTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void linksFollowANodeStoppingAndRestarting() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS).startAll()) {
            TestProbe<LinkStatus> events = cluster.node(1).kit().createTestProbe();
            cluster.node(1).monitor().tell(new LinkMonitorActor.SubscribeLinkEvents(events.ref()));
            for (int id = 1; id <= 3; id++) {
                awaitLinks(cluster, id, s -> true, true);
            }
            LinkStatusReport report = cluster.report(1);
            assertEquals(2 + 1, report.links().size(), "own pseudo-link + 2 peers");
            assertTrue(report.transportCounters().get("frames.received") > 0);

            cluster.stop(3);
            awaitLinks(cluster, 1, s -> s.nodeId() == 3, false);
            awaitLinks(cluster, 2, s -> s.nodeId() == 3, false);
            awaitLinks(cluster, 1, s -> s.nodeId() == 2, true);
            events.fishForMessage(DEADLINE, s -> s.nodeId() == 3 && !s.up()
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());

            Path aeronDir3 = cluster.settings(3).system().aeronDir();
            assertFalse(aeronDir3.toFile().exists(), "stopped node's aeron dir deleted");

            cluster.start(3);
            for (int id = 1; id <= 3; id++) {
                awaitLinks(cluster, id, s -> true, true);
            }
            LinkStatus toThree = cluster.report(1).links().stream()
                    .filter(s -> s.nodeId() == 3).findFirst().orElseThrow();
            assertEquals(2, toThree.upCount());
            assertEquals(1, toThree.downCount());
            assertTrue(toThree.rttAvgUs() >= 0);
        }
        for (int id = 1; id <= 3; id++) {
            assertFalse(tmp.resolve("node" + id).resolve("aeron").toFile().exists());
        }
    }

    private static void awaitLinks(LocalCluster cluster, int id, Predicate<LinkStatus> which, boolean up) {
        cluster.awaitLinks(id, which, up, DEADLINE);
    }
}
