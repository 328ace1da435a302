package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync cfg reload} changing the nodelist of a running cluster, as Corosync 3 allows: a
 * fourth node added to the files of a running 3-node cluster becomes known to every node's
 * transport, Totem and quorum by a reload, then starts and joins the ring; a reload removing it
 * while it is a member is refused; after it stops, a reload removes it from the nodelist and the
 * expected votes. Totem timers changed by the first reload are reported as pending until the ring
 * with the fourth node forms, and run from then on.
 */
class NodelistReloadTest {

    private static final Pattern FOURTH = Pattern.compile("(?m)^\\s*\\{ node_id = 4,.*\\}\\n");

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    private void writeAll(int upTo, List<String> texts) throws Exception {
        for (int id = 1; id <= upTo; id++) {
            Files.writeString(cluster.files.get(id - 1), texts.get(id - 1));
        }
    }

    private void awaitValue(int id, String key, String expected) throws Exception {
        CmapNodes.await(key + " = " + expected + " on node " + id, () -> expected.equals(cluster.value(id, key)));
    }

    @Test
    void aFourthNodeIsAddedByAReloadJoinsAndIsRemovedAgainAfterItStops() throws Exception {
        cluster = new CmapNodes(dir, 4);
        List<String> withFour = new ArrayList<>();
        List<String> withThree = new ArrayList<>();
        for (Path file : cluster.files) {
            String text = Files.readString(file) + "totem.token = 4000ms\n";
            Matcher fourth = FOURTH.matcher(text);
            assertTrue(fourth.find(), file + " has no node 4 line");
            withFour.add(text);
            withThree.add(fourth.replaceFirst("").replace("totem.token = 4000ms\n", ""));
        }
        writeAll(3, withThree);
        cluster.startFirst(3);
        cluster.awaitJoined(1, List.of(1, 2, 3));
        awaitValue(1, "runtime.votequorum.expected_votes", "3");
        assertEquals("3650", cluster.value(1, "runtime.config.totem.token"), "3000 + 1 x 650 for three nodes");

        writeAll(4, withFour);
        assertEquals(0, cluster.cli("cfg", "reload", "-c", cluster.conf(2)), cluster.out() + cluster.err());
        String added = cluster.out();
        assertTrue(added.contains("node 1: applied nodelist.node.3.nodeid: (none) -> 4\n"), added);
        assertTrue(added.contains("node 3: applied totem.token: 3000 -> 4000 (from the next ring)\n"), added);
        for (int id = 1; id <= 3; id++) {
            awaitValue(id, "nodelist.node.3.nodeid", "4");
            awaitValue(id, "runtime.votequorum.expected_votes", "4");
            awaitValue(id, "runtime.config.reload.totem_pending", "1");
            assertEquals("3650", cluster.value(id, "runtime.config.totem.token"), "no new timers mid-ring");
        }
        assertEquals("1", cluster.value(1, "runtime.votequorum.quorate"), "3 of 4 votes are quorate");

        cluster.startFirst(1);
        for (int id = 1; id <= 4; id++) {
            cluster.awaitJoined(id, List.of(1, 2, 3, 4));
            awaitValue(id, "runtime.config.totem.token", "5300");
            awaitValue(id, "runtime.config.reload.totem_pending", "0");
            awaitValue(id, "runtime.votequorum.total_votes", "4");
        }

        writeAll(3, withThree);
        assertEquals(1, cluster.cli("cfg", "reload", "-c", cluster.conf(1)), cluster.out() + cluster.err());
        assertTrue(cluster.out().contains("node 4 is removed from the nodelist but is a member of the ring"),
                cluster.out());
        assertEquals("4", cluster.value(1, "nodelist.node.3.nodeid"), "the refused reload changed nothing");

        assertEquals(0, cluster.cli("cfg", "shutdown", "-c", cluster.conf(4)), cluster.err());
        assertTrue(cluster.node(4).awaitTermination(Duration.ofSeconds(60)));
        awaitValue(1, "runtime.members.4.status", "left");
        assertEquals(0, cluster.cli("cfg", "reload", "-c", cluster.conf(1)), cluster.out() + cluster.err());
        assertTrue(cluster.out().contains("node 2: applied nodelist.node.3.nodeid: 4 -> (none)\n"), cluster.out());
        for (int id = 1; id <= 3; id++) {
            awaitValue(id, "runtime.votequorum.expected_votes", "3");
            awaitValue(id, "nodelist.node.3.nodeid", "");
            assertEquals("", cluster.value(id, "runtime.members.4.status"), "a removed node that left is forgotten");
            assertEquals("1", cluster.value(id, "runtime.votequorum.quorate"));
        }
    }
}
