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
    void loggingVotesTimersAndExpectedVotesApplyTheRestWaitsForARestart() throws Exception {
        RingsyncSettings running = settings(2, 1, "");
        ReloadPlan plan = ReloadPlan.of(running, settings(2, 3, "logging { level = debug, subsys { quorum = trace } }\n"
                + "totem.token = 4000ms\nlogging.blackbox_events = 500\ntotem.frame_size = 4000\n"
                + "quorum.two_node = true"));
        assertTrue(plan.verdict().valid());
        assertTrue(plan.verdict().applied().containsAll(List.of("logging.level: info -> debug",
                "logging.subsys.quorum: (none) -> trace", "nodelist.node.1.quorum_votes: 1 -> 3",
                "totem.token: 3000 -> 4000 (from the next ring)")), plan.verdict().applied().toString());
        assertTrue(plan.verdict().restart().containsAll(List.of("logging.blackbox_events: 2000 -> 500",
                "quorum.two_node: 0 -> 1")), plan.verdict().restart().toString());
        assertTrue(plan.verdict().restart().stream().anyMatch(line -> line.startsWith("totem.frame_size: ")),
                plan.verdict().restart().toString());
        assertEquals(OptionalInt.of(3), plan.localVotes());
        assertEquals(OptionalInt.of(4), plan.expectedVotes(), "the nodelist's votes: 1 + 3");
        assertEquals("debug", plan.next().logging().level());
        assertEquals(4000, plan.next().totem().tokenMs());
        assertEquals(running.totem().frameBytes(), plan.next().totem().frameBytes());

        ReloadPlan otherNode = ReloadPlan.of(settings(1, 1, ""), settings(1, 3, ""));
        assertEquals(OptionalInt.empty(), otherNode.localVotes(), "node 1 leaves node 2's votes to node 2");
        assertEquals(List.of("nodelist.node.1.quorum_votes: 1 -> 3"), otherNode.verdict().applied());
    }

    @Test
    void nodesComeAndGoButAMemberCannotBeRemovedAndOwnAddressesNeedARestart() throws Exception {
        RingsyncSettings running = settings(1, 1, "");
        String third = "nodelist += { node_id = 3, links = [\"127.0.0.3:5405\", \"127.0.1.3:5406\"] }";
        ReloadPlan added = ReloadPlan.of(running, settings(1, 1, third), List.of(1, 2));
        assertTrue(added.verdict().valid(), added.verdict().toString());
        assertTrue(added.verdict().applied().contains("nodelist.node.2.nodeid: (none) -> 3"),
                added.verdict().applied().toString());
        assertEquals(List.of(1, 2, 3), added.next().nodelist().stream().map(n -> n.nodeId()).toList());
        assertEquals(OptionalInt.of(3), added.expectedVotes());
        List<String> totem = added.verdict().applied().stream().filter(line -> line.startsWith("totem.")).toList();
        assertTrue(totem.stream().allMatch(line -> line.endsWith(" (from the next ring)")), totem.toString());
        assertTrue(totem.stream().noneMatch(line -> line.startsWith("totem.token:")),
                "token stays; the timers derived from the effective token grow with a third node: " + totem);

        RingsyncSettings three = added.next();
        ReloadPlan removedMember = ReloadPlan.of(three, running, List.of(1, 2, 3));
        assertFalse(removedMember.verdict().valid());
        assertEquals(List.of("node 3 is removed from the nodelist but is a member of the ring [1, 2, 3]: stop it "
                + "first (ringsync cfg kill 3), then reload"), removedMember.verdict().problems());
        ReloadPlan removedGone = ReloadPlan.of(three, running, List.of(1, 2));
        assertTrue(removedGone.verdict().valid());
        assertEquals(OptionalInt.of(2), removedGone.expectedVotes());

        RingsyncSettings moved = ConfigLoader.parse(String.format(BASE, 1, 1, "").replace("127.0.0.1:5405",
                "127.0.0.9:5405"), "plan.conf");
        ReloadPlan ownAddress = ReloadPlan.of(running, moved);
        assertTrue(ownAddress.verdict().restart().contains("nodelist.node.0.ring0_addr: 127.0.0.1 -> 127.0.0.9"),
                ownAddress.verdict().restart().toString());
        assertEquals("127.0.0.1", ownAddress.next().localNode().links().get(0).host());
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
