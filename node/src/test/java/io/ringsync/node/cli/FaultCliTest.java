package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync fault} against three real nodes, two of them with
 * {@code transport.fault_injection = true}: nodes 1 and 2 cut node 3 off in both directions and
 * the ring splits into [1, 2] and [3], with quorum on the majority side only; the heal brings
 * one ring back. The node without the setting refuses in one line; wrong arguments are refused
 * before anything is sent.
 */
class FaultCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliNodes cluster = new CliNodes();
    private final CliRun cli = cluster.cli();

    /** Waits until node {@code id}'s quorum status shows these members and quorate state. */
    private void awaitQuorum(int id, List<Integer> members, boolean quorate) throws Exception {
        cluster.awaitQuorumStatus(id, status -> {
            List<Integer> seen = new ArrayList<>();
            status.path("members").forEach(m -> seen.add(m.path("nodeId").asInt()));
            return seen.equals(members) && status.path("quorate").asBoolean() == quorate;
        });
    }

    @Test
    void aCutSplitsTheRingAndTheHealJoinsIt() throws Exception {
        cluster.write(dir, 3).append(1, "transport.fault_injection = true").append(2, "transport.fault_injection = true");
        for (int id = 1; id <= 3; id++) {
            cluster.append(id, "totem { token = 1000ms }");
        }
        cluster.start(1, 2, 3);
        for (int id = 1; id <= 3; id++) {
            awaitQuorum(id, List.of(1, 2, 3), true);
        }

        assertEquals(0, cli.run("fault", "status", "-c", cluster.conf(1)), cli.err());
        assertEquals("node 1: no fault; dropped 0 outbound and 0 inbound at cuts, lost 0, duplicated 0, reordered 0,"
                + " delayed 0\n", cli.out());
        assertEquals(1, cli.run("fault", "status", "-c", cluster.conf(3)));
        assertEquals("ringsync: fault status: fault injection is off on node 3 (set transport.fault_injection = true"
                + " in its config; test clusters only)\n", cli.err());

        assertEquals(0, cli.run("fault", "cut", "--both", "3", "-c", cluster.conf(1)), cli.err());
        assertTrue(cli.out().startsWith("node 1: cut to [3], from [3]; dropped "), cli.out());
        assertEquals(0, cli.run("fault", "cut", "--to", "3", "--from", "3", "-c", cluster.conf(2)), cli.err());
        awaitQuorum(1, List.of(1, 2), true);
        awaitQuorum(2, List.of(1, 2), true);
        awaitQuorum(3, List.of(3), false);
        assertEquals(0, cli.run("fault", "status", "--json", "-c", cluster.conf(1)), cli.err());
        JsonNode status = Json.mapper().readTree(cli.out());
        assertEquals("[3]", status.path("plan").path("cutTo").toString());
        assertTrue(status.path("counters").path("cut_outbound").asLong() > 0
                && status.path("counters").path("cut_inbound").asLong() > 0, status.toString());

        assertEquals(0, cli.run("fault", "heal", "-c", cluster.conf(1)), cli.err());
        assertTrue(cli.out().startsWith("node 1: no fault; "), cli.out());
        assertEquals(0, cli.run("fault", "heal", "-c", cluster.conf(2)), cli.err());
        for (int id = 1; id <= 3; id++) {
            awaitQuorum(id, List.of(1, 2, 3), true);
        }

        assertEquals(0, cli.run("fault", "disturb", "--drop", "1%", "--duplicate", "0.02", "--seed", "9", "-c", cluster.conf(2)),
                cli.err());
        assertTrue(cli.out().startsWith("node 2: drop 1%, duplicate 2%, reorder 0% (seed 9); "), cli.out());
        assertEquals(0, cli.run("fault", "disturb", "-c", cluster.conf(2)), cli.err());
        assertTrue(cli.out().startsWith("node 2: no fault; "), cli.out());
    }

    @Test
    void wrongRequestsAreRefusedInOneLine() throws Exception {
        cluster.write(dir, 2).append(1, "transport.fault_injection = true").start(1);

        assertEquals(1, cli.run("fault", "cut", "--both", "9", "-c", cluster.conf(1)));
        assertEquals("ringsync: fault cut: no such peer in the nodelist: [9] (peers: [2])\n", cli.err());
        assertEquals(1, cli.run("fault", "cut", "--to", "1", "-c", cluster.conf(1)));
        assertEquals("ringsync: fault cut: node 1 cannot be cut from itself\n", cli.err());
        assertEquals(1, cli.run("fault", "disturb", "--drop", "0.6", "--reorder", "0.6", "-c", cluster.conf(1)));
        assertEquals("ringsync: fault disturb: drop, duplicate and reorder shares add up to more than 1: 0.6 + 0.0 + 0.6\n",
                cli.err());

        assertEquals(2, cli.run("fault", "cut", "-c", cluster.conf(1)));
        assertTrue(cli.err().startsWith("ringsync: Error: Missing required argument"), cli.err());
        assertEquals(2, cli.run("fault", "disturb", "--drop", "150%", "-c", cluster.conf(1)));
        assertTrue(cli.err().startsWith("ringsync: Invalid value for option '--drop': '150%' is not between 0 and 1"), cli.err());
        assertEquals(1, cli.run("fault", "heal", "-c", cluster.conf(2)), "node 2 is not running");
        assertTrue(cli.err().startsWith("ringsync: fault heal: ") && cli.err().lines().count() == 1, cli.err());
    }
}
