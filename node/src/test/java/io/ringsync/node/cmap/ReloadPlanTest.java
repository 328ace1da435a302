package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a reload applies and what it reports as needing a restart; the config and member keys it rests on. */
class ReloadPlanTest {

    private static final String BASE = """
            cluster_name = "plan"
            node_id = %d
            nodelist = [
              { node_id = 1, links = ["127.0.0.1:5405", "127.0.1.1:5406"] }
              { node_id = 2, votes = %d, links = ["127.0.0.2:5405", "127.0.1.2:5406"] }
            ]
            %s
            """;

    private static RingsyncSettings settings(int nodeId, int votes2, String extra) throws Exception {
        return ConfigLoader.parse(String.format(BASE, nodeId, votes2, extra), "plan.conf");
    }

    @Test
    void loggingAndOwnVotesApplyTheRestWaitsForARestart() throws Exception {
        RingsyncSettings running = settings(2, 1, "");
        ReloadPlan plan = ReloadPlan.of(running, settings(2, 3, "logging { level = debug, subsys { quorum = trace } }\n"
                + "totem.token = 4000ms\nlogging.blackbox_events = 500"));
        assertTrue(plan.verdict().valid());
        assertEquals(List.of("logging.level: info -> debug", "logging.subsys.quorum: (none) -> trace",
                "nodelist.node.1.quorum_votes: 1 -> 3"), plan.verdict().applied());
        assertTrue(plan.verdict().restart().containsAll(List.of("logging.blackbox_events: 2000 -> 500",
                "totem.token: 3000 -> 4000")), plan.verdict().restart().toString());
        assertEquals(OptionalInt.of(3), plan.localVotes());
        assertEquals("debug", plan.next().logging().level());
        assertEquals(3000, plan.next().totem().tokenMs());

        ReloadPlan otherNode = ReloadPlan.of(settings(1, 1, ""), settings(1, 3, ""));
        assertEquals(OptionalInt.empty(), otherNode.localVotes(), "node 1 leaves node 2's votes to node 2");
        assertEquals(List.of("nodelist.node.1.quorum_votes: 1 -> 3"), otherNode.verdict().applied());
    }

    @Test
    void anotherNodeIdIsInvalidAndNoChangeIsNoLine() throws Exception {
        ReloadPlan moved = ReloadPlan.of(settings(1, 1, ""), settings(2, 1, ""));
        assertFalse(moved.verdict().valid());
        assertEquals(List.of("node_id cannot change by a reload (1 -> 2)"), moved.verdict().problems());
        ReloadPlan same = ReloadPlan.of(settings(1, 1, ""), settings(1, 1, ""));
        assertEquals(List.of(), same.verdict().applied());
        assertEquals(List.of(), same.verdict().restart());
    }

    @Test
    void configKeysFollowTheFileAndCorosyncsNodelistLayout() throws Exception {
        Map<String, CmapValue> keys = ConfigKeys.of(settings(2, 1, "quorum.two_node = true"));
        assertEquals(CmapValue.u32(1), keys.get("nodelist.local_node_pos"));
        assertEquals(CmapValue.str("127.0.1.2"), keys.get("nodelist.node.1.ring1_addr"));
        assertEquals(CmapValue.u32(5406), keys.get("nodelist.node.1.ring1_port"));
        assertEquals(CmapValue.flag(true), keys.get("quorum.two_node"));
        assertEquals(CmapValue.str("plan"), keys.get("totem.cluster_name"));
        assertTrue(keys.keySet().stream().allMatch(k -> CmapKeys.access(k) != CmapKeys.Access.WRITABLE), keys.keySet().toString());
    }

    @Test
    void memberKeysCountJoinsAndMarkLeaves() throws Exception {
        MemberKeys members = new MemberKeys(settings(1, 1, ""));
        members.regular(List.of(1, 2));
        members.regular(List.of(1));
        Map<String, CmapValue> keys = members.regular(List.of(1, 2));
        assertEquals(CmapValue.str("r(0) ip(127.0.0.2) r(1) ip(127.0.1.2) "), keys.get("runtime.members.2.ip"));
        assertEquals(CmapValue.u32(2), keys.get("runtime.members.2.join_count"));
        assertEquals(CmapValue.u32(1), keys.get("runtime.members.1.join_count"));
        assertEquals(CmapValue.str("left"), members.regular(List.of(1)).get("runtime.members.2.status"));
    }
}
