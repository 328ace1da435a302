package io.ringsync.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.LinkAddress;
import io.ringsync.config.LinkSettings;
import io.ringsync.config.NodeEntry;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.wire.LinkPing;
import io.ringsync.protocol.wire.LinkPong;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted tests of the pure core; time is a plain long advanced by the test. */
class LinkMonitorTest {

    private static final long MS = 1_000_000L;
    private static final List<NodeEntry> NODES = List.of(
            node(1, 2), node(2, 2), node(3, 1));

    private final LinkMonitor monitor = new LinkMonitor(
            TestSettings.node(1, NODES, Path.of("/tmp/unused"), new LinkSettings(100, 600, 2, 3)));
    private long now = 1_000 * MS;

    @Test
    void pingsEveryPeerOnEveryCommonLinkWithIncreasingSeq() {
        List<LinkEffect> first = monitor.onTick(now);
        assertEquals(List.of(send(2, 0, 1), send(2, 1, 1), send(3, 0, 1)), first);
        assertTrue(monitor.onTick(now + 20 * MS).isEmpty(), "no ping before a quarter interval while down");
        now += 25 * MS;
        assertEquals(List.of(send(2, 0, 2), send(2, 1, 2), send(3, 0, 2)), monitor.onTick(now));
    }

    @Test
    void anUpLinkIsPingedOncePerIntervalADownOneFourTimesAsOften() {
        bringUp(2, 0); // its last ping went out at now, while it was still down
        monitor.onTick(now + 25 * MS); // that ping's short follow-on still fires once
        List<LinkEffect> quarter = monitor.onTick(now + 50 * MS);
        assertFalse(quarter.stream().anyMatch(e -> isPingTo(e, 2, 0)), "up link pinged early");
        assertTrue(quarter.stream().anyMatch(e -> isPingTo(e, 3, 0)), "down link not pinged at a quarter interval");
        assertTrue(monitor.onTick(now + 125 * MS).stream().anyMatch(e -> isPingTo(e, 2, 0)), "up link not pinged");
    }

    private static boolean isPingTo(LinkEffect effect, int nodeId, int link) {
        return effect instanceof LinkEffect.SendFrame send && send.nodeId() == nodeId && send.linkNumber() == link
                && send.frame() instanceof LinkPing;
    }

    @Test
    void pongAnswersPing() {
        LinkPing ping = new LinkPing(2, 1, 1, 9, 777);
        assertEquals(List.of(new LinkEffect.SendFrame(2, 1, new LinkPong(1, 2, 1, 9, 777))), monitor.onPing(ping, now));
    }

    @Test
    void upAfterPongCountConsecutivePongs() {
        monitor.onTick(now);
        assertTrue(pong(2, 0, 1, now, 2 * MS).isEmpty(), "one pong is not enough");
        now += 100 * MS;
        monitor.onTick(now);
        List<LinkEffect> effects = pong(2, 0, 2, now, 4 * MS);
        LinkStatus up = ((LinkEffect.LinkChanged) effects.get(0)).status();
        assertTrue(up.up());
        assertEquals(1, up.upCount());
        assertEquals(2_000, up.rttMinUs());
        assertEquals(3_000, up.rttAvgUs());
        assertEquals(4_000, up.rttMaxUs());
    }

    @Test
    void downAfterTimeoutWithoutPongs() {
        bringUp(2, 0); // last pong arrived at now + 1 ms
        now += 600 * MS;
        assertFalse(monitor.onTick(now).stream().anyMatch(e -> e instanceof LinkEffect.LinkChanged));
        now += 1 * MS;
        LinkEffect.LinkChanged down = monitor.onTick(now).stream()
                .filter(e -> e instanceof LinkEffect.LinkChanged).map(e -> (LinkEffect.LinkChanged) e)
                .findFirst().orElseThrow();
        assertFalse(down.status().up());
        assertEquals(1, down.status().downCount());
        assertEquals(600, down.silentMs());
    }

    @Test
    void rttWindowKeepsOnlyTheLastSamples() {
        long[] rttsMs = {10, 1, 2, 3};
        for (int i = 0; i < rttsMs.length; i++) {
            monitor.onTick(now);
            pong(3, 0, i + 1, now, rttsMs[i] * MS);
            now += 100 * MS;
        }
        LinkStatus s = status(3, 0);
        assertEquals(1_000, s.rttMinUs());
        assertEquals(2_000, s.rttAvgUs());
        assertEquals(3_000, s.rttMaxUs());
    }

    @Test
    void staleDuplicateAndImplausiblePongsAreIgnored() {
        monitor.onTick(now);
        pong(2, 0, 1, now, MS);
        assertTrue(pong(2, 0, 1, now, MS).isEmpty(), "duplicate");
        assertTrue(pong(2, 0, 5, now, MS).isEmpty(), "seq never sent");
        now += 100 * MS;
        monitor.onTick(now);
        assertTrue(monitor.onPong(new LinkPong(2, 1, 0, 2, now + 5 * MS), now).isEmpty(), "echo in the future");
        assertTrue(monitor.onPong(new LinkPong(2, 1, 0, 2, now - 601 * MS), now).isEmpty(), "echo too old");
        assertEquals(4, monitor.ignoredPongs());
        assertFalse(status(2, 0).up());
    }

    @Test
    void statusListsOwnPseudoLinksFirstAlwaysUp() {
        List<LinkStatus> all = monitor.statuses();
        assertEquals(2 + 3, all.size());
        assertTrue(all.get(0).local() && all.get(0).up() && all.get(0).rttAvgUs() == -1);
        assertEquals(-1, status(2, 0).rttAvgUs());
    }

    @Test
    void aNodelistChangeAddsAndDropsPeersAndKeepsTheLinksThatStay() {
        bringUp(2, 0);
        monitor.changeNodelist(List.of(node(1, 2), node(2, 2), node(4, 1)));
        assertTrue(status(2, 0).up(), "an unchanged link keeps its state");
        assertFalse(status(4, 0).up(), "an added peer starts down");
        assertTrue(monitor.statuses().stream().noneMatch(s -> s.nodeId() == 3), "a removed peer is dropped");
        assertTrue(monitor.onTick(now + 25 * MS).stream().anyMatch(e -> isPingTo(e, 4, 0)), "the added peer is pinged");
        assertTrue(monitor.onPing(new LinkPing(3, 1, 0, 1, 5), now).isEmpty(), "a removed peer's ping is not answered");
    }

    private void bringUp(int nodeId, int link) {
        for (int i = 0; i < 2; i++) {
            now += 100 * MS;
            monitor.onTick(now);
            pong(nodeId, link, i + 1, now, MS);
        }
        assertTrue(status(nodeId, link).up());
    }

    /** A pong for ping {@code seq} sent at {@code sentNs} arriving {@code rttNs} later; advances no clock. */
    private List<LinkEffect> pong(int from, int link, long seq, long sentNs, long rttNs) {
        return monitor.onPong(new LinkPong(from, 1, link, seq, sentNs), sentNs + rttNs);
    }

    private LinkStatus status(int nodeId, int link) {
        return monitor.statuses().stream()
                .filter(s -> !s.local() && s.nodeId() == nodeId && s.linkNumber() == link).findFirst().orElseThrow();
    }

    private LinkEffect send(int nodeId, int link, long seq) {
        return new LinkEffect.SendFrame(nodeId, link, new LinkPing(1, nodeId, link, seq, now));
    }

    private static NodeEntry node(int id, int links) {
        List<LinkAddress> addresses = links == 1
                ? List.of(new LinkAddress("127.0.0." + id, 5405))
                : List.of(new LinkAddress("127.0.0." + id, 5405), new LinkAddress("127.0.1." + id, 5406));
        return new NodeEntry(id, "node" + id, 1, addresses);
    }
}
