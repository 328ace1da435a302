package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.NodeEntry;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.wire.DropReason;
import io.ringsync.protocol.wire.LinkPing;
import io.ringsync.protocol.wire.WireFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AeronTransportTest {

    @TempDir
    Path tmp;

    @Test
    void sendsAndReceivesBetweenTwoNodesOnLoopback() throws Exception {
        List<NodeEntry> nodes = TestSettings.loopbackNodes(2);
        BlockingQueue<WireFrame> received = new LinkedBlockingQueue<>();
        AeronTransport one = new AeronTransport(TestSettings.node(1, nodes, tmp.resolve("n1"), TestSettings.FAST_LINKS),
                (link, frame, nanos) -> { });
        AeronTransport two = new AeronTransport(TestSettings.node(2, nodes, tmp.resolve("n2"), TestSettings.FAST_LINKS),
                (link, frame, nanos) -> received.add(frame));
        try {
            assertTrue(one.aeronDirectory().isDirectory());
            LinkPing ping = new LinkPing(1, 2, 0, 1, 42);
            WireFrame got = sendUntilReceived(one, ping, received);
            assertEquals(ping, got);
            assertEquals(SendResult.NO_ROUTE, one.send(9, 0, ping));
            assertEquals(SendResult.NO_ROUTE, one.send(2, 3, ping));
            TransportStats stats = one.stats();
            assertTrue(stats.framesSent() >= 1 && stats.bytesSent() >= 37);
            assertEquals(2L, stats.sendResults().get(SendResult.NO_ROUTE));
            assertTrue(two.stats().framesReceived() >= 1);
            assertEquals(stats.framesSent(), stats.asMap().get("frames.sent"));
        } finally {
            one.close();
            two.close();
        }
        one.close();
        assertFalse(one.aeronDirectory().exists(), "aeron dir deleted on close");
        assertFalse(two.aeronDirectory().exists(), "aeron dir deleted on close");
        assertEquals(SendResult.CLOSED, one.send(2, 0, new LinkPing(1, 2, 0, 2, 0)));
    }

    @Test
    void aNodelistChangeOpensAndClosesPublicationsAndTheDecoderFollows() throws Exception {
        List<NodeEntry> all = TestSettings.loopbackNodes(3);
        List<NodeEntry> firstTwo = all.subList(0, 2);
        BlockingQueue<WireFrame> atOne = new LinkedBlockingQueue<>();
        BlockingQueue<WireFrame> atThree = new LinkedBlockingQueue<>();
        AeronTransport one = new AeronTransport(TestSettings.node(1, firstTwo, tmp.resolve("n1"), TestSettings.FAST_LINKS),
                (link, frame, nanos) -> atOne.add(frame));
        AeronTransport three = new AeronTransport(TestSettings.node(3, all, tmp.resolve("n3"), TestSettings.FAST_LINKS),
                (link, frame, nanos) -> atThree.add(frame));
        try {
            assertEquals(SendResult.NO_ROUTE, one.send(3, 0, new LinkPing(1, 3, 0, 1, 1)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (one.stats().drops().getOrDefault(DropReason.UNKNOWN_SENDER, 0L) == 0) {
                assertTrue(System.nanoTime() < deadline, "node 1 never dropped node 3's frames: " + one.stats());
                three.send(1, 0, new LinkPing(3, 1, 0, 1, 1));
                Thread.sleep(20);
            }
            assertTrue(atOne.isEmpty(), "a node outside the nodelist is not heard");

            one.changeNodelist(all).get(30, TimeUnit.SECONDS);
            assertEquals(new LinkPing(1, 3, 0, 2, 2), sendUntilReceived(one, 3, new LinkPing(1, 3, 0, 2, 2), atThree));
            assertEquals(3, sendUntilReceived(three, 1, new LinkPing(3, 1, 0, 3, 3), atOne).senderNodeId(),
                    "node 1 hears node 3 once its nodelist has it");

            one.changeNodelist(firstTwo).get(30, TimeUnit.SECONDS);
            assertEquals(SendResult.NO_ROUTE, one.send(3, 0, new LinkPing(1, 3, 0, 4, 4)), "no route to a removed node");
        } finally {
            one.close();
            three.close();
        }
        assertTrue(one.changeNodelist(all).isCompletedExceptionally(), "a closed transport refuses the change");
    }

    /** Offers until the peer's image connects (NOT_CONNECTED until then); 30 s deadline. */
    private static WireFrame sendUntilReceived(AeronTransport from, LinkPing ping, BlockingQueue<WireFrame> to)
            throws InterruptedException {
        return sendUntilReceived(from, 2, ping, to);
    }

    /** As {@link #sendUntilReceived(AeronTransport, LinkPing, BlockingQueue)}, to node {@code toNode}. */
    private static WireFrame sendUntilReceived(AeronTransport from, int toNode, LinkPing ping, BlockingQueue<WireFrame> to)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            from.send(toNode, 0, ping);
            WireFrame frame = to.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null) {
                return frame;
            }
        }
        throw new AssertionError("no frame within 30 s: " + from.stats());
    }
}
