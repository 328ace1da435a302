package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CMAP service in three real nodes, through its Java API: the config and runtime keys, a
 * client's keys and the refusals, and a track of {@code runtime.members.} as a node leaves and
 * comes back (status left, then joined with join_count 2).
 */
class CmapNodeTest {

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void keysOfTheNodeAndItsClientsAndTrackingOfMembers() throws Exception {
        cluster = new CmapNodes(dir, 3).startAll();
        cluster.awaitJoined(1, List.of(1, 2, 3));
        Cmap cmap = cluster.cmap(1);

        SortedMap<String, CmapValue> totem = await(cmap.list("totem."));
        assertEquals(CmapValue.u32(cluster.node(1).settings().totem().tokenMs()), totem.get("totem.token"));
        assertEquals(CmapValue.u32(cluster.node(1).settings().effectiveTokenMs()), await(cmap.get("runtime.config.totem.token")));
        assertEquals(CmapValue.str("r(0) ip(127.0.0.2) "), await(cmap.get("runtime.members.2.ip")));
        assertEquals(CmapValue.u32(1), await(cmap.get("runtime.members.2.join_count")));
        assertEquals(CmapValue.u32(0), await(cmap.get("nodelist.local_node_pos")));
        CmapNodes.await("quorate in runtime.votequorum", () -> "1".equals(cluster.value(1, "runtime.votequorum.quorate")));
        assertEquals("3", cluster.value(1, "runtime.votequorum.total_votes"));
        assertTrue(await(cmap.get("stats.srp.orf_token_rx")).asLong() > 0, "Totem's counters are read when asked for");
        assertEquals("operational", await(cmap.get("stats.srp.state")).text());

        await(cmap.set("resources.app.state", CmapValue.str("up")));
        assertEquals(CmapValue.str("up"), await(cmap.get("resources.app.state")));
        assertEquals("", cluster.value(2, "resources.app.state"), "cmap is a node's own database");
        assertRefused(CmapError.ACCESS, "totem.token is read-only", cmap.set("totem.token", CmapValue.u32(1)));
        assertRefused(CmapError.ACCESS, "runtime.members.1.status is read-only", cmap.delete("runtime.members.1.status"));
        assertRefused(CmapError.NOT_EXIST, "no key resources.none", cmap.get("resources.none"));
        await(cmap.delete("resources.app.state"));

        long track = await(cmap.trackPolled("runtime.members.", true, EnumSet.allOf(CmapEvent.Kind.class)));
        cluster.node(3).close();
        List<String> seen = new ArrayList<>();
        CmapNodes.await("node 3 seen leaving", () -> poll(cmap, track, seen).contains("modify runtime.members.3.status left"));
        cluster.restart(3);
        CmapNodes.await("node 3 seen joining again", () -> poll(cmap, track, seen)
                .containsAll(List.of("modify runtime.members.3.status joined", "modify runtime.members.3.join_count 2")));
        await(cmap.untrack(track));
        assertRefused(CmapError.BAD_HANDLE, "no polled track " + track, cmap.poll(track, Duration.ZERO));
    }

    private static List<String> poll(Cmap cmap, long track, List<String> seen) throws Exception {
        for (CmapEvent event : await(cmap.poll(track, Duration.ofSeconds(1))).events()) {
            seen.add(event.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + event.key() + " " + event.value().text());
        }
        return seen;
    }

    private static void assertRefused(CmapError error, String message, java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(20, TimeUnit.SECONDS));
        CmapException refused = assertInstanceOf(CmapException.class, e.getCause());
        assertEquals(error, refused.error());
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
