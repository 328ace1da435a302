package io.ringsync.node.bench;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The receiving side of a bench process, a Totem listener (called from one actor thread, in
 * Totem's order): it notes the ring (ready once a REGULAR configuration has the expected
 * members), feeds every bench message to a {@link DeliveryCheck}, counts DATA messages and bytes
 * delivered while the measurement window is open (the first END delivered also closes it), and
 * tells {@link OwnDeliveries} about this node's own. The bench's main thread opens and closes
 * the window and waits on it; every method is synchronized.
 */
final class BenchReceiver implements Consumer<TotemEvent> {

    private final int nodeId;
    private final int expectMembers;
    private final OwnDeliveries own;
    private final DeliveryCheck check = new DeliveryCheck();
    private boolean ready;
    private RingId ring;
    private int members;
    private int ringChanges;
    private long windowOpenNanos = -1;
    private long windowCloseNanos = -1;
    private long windowMessages;
    private long windowBytes;
    private long totalDelivered;
    private final Map<BenchPayload.Kind, Set<Integer>> markers = new EnumMap<>(BenchPayload.Kind.class);
    private boolean readyAnswerDue;

    BenchReceiver(int nodeId, int expectMembers, OwnDeliveries own) {
        this.nodeId = nodeId;
        this.expectMembers = expectMembers;
        this.own = own;
    }

    @Override
    public synchronized void accept(TotemEvent event) {
        if (event instanceof Delivered delivered) {
            onDelivered(delivered);
        } else if (event instanceof ConfigurationChanged change && change.kind() == ConfigurationKind.REGULAR) {
            ring = change.ringId();
            members = change.members().size();
            if (ready) {
                ringChanges++;
            } else if (members >= expectMembers) {
                ready = true;
                notifyAll();
            }
        }
    }

    private void onDelivered(Delivered delivered) {
        ByteBuffer payload = delivered.payloadView();
        BenchPayload.Header header = BenchPayload.parse(payload);
        if (header == null) {
            return;
        }
        long now = System.nanoTime();
        if (header.kind() == BenchPayload.Kind.DONE || header.kind() == BenchPayload.Kind.READY) {
            boolean first = markers.computeIfAbsent(header.kind(), k -> new HashSet<>()).add(header.sender());
            readyAnswerDue |= first && header.kind() == BenchPayload.Kind.READY && header.sender() != nodeId;
            notifyAll();
            return;
        }
        if (header.kind() == BenchPayload.Kind.END) {
            check.end(header.sender(), header.value());
            closeWindow(now);
            notifyAll();
            return;
        }
        check.data(header.sender(), header.value());
        totalDelivered++;
        if (windowOpenNanos >= 0 && windowCloseNanos < 0) {
            windowMessages++;
            windowBytes += payload.remaining();
        }
        if (header.sender() == nodeId) {
            own.onDelivered(header.value(), now);
        }
    }

    /** Waits until the ring has the expected members; false after {@code timeout}. */
    synchronized boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return ready;
    }

    /** Waits until {@code expected} END messages were delivered; false after {@code timeout}. */
    synchronized boolean awaitEnds(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (check.ends() < expected && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return check.ends() >= expected;
    }

    /**
     * Waits until {@code expected} nodes' {@code kind} markers (DONE or READY) were delivered;
     * false after {@code timeout}.
     */
    synchronized boolean awaitMarkers(BenchPayload.Kind kind, int expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (markerCount(kind) < expected && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return markerCount(kind) >= expected;
    }

    /**
     * Waits until every one of {@code expected} nodes' READY was delivered or a node's READY was
     * delivered for the first time, at most {@code timeout}; true when this node should answer
     * with its own READY (once per such first READY: that node may have subscribed after this
     * node's READY went by, and a READY is sent only once its node is subscribed, so the
     * answer reaches it).
     */
    synchronized boolean awaitReadyAnswerDue(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readyAnswerDue && markerCount(BenchPayload.Kind.READY) < expected && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        boolean due = readyAnswerDue;
        readyAnswerDue = false;
        return due;
    }

    private int markerCount(BenchPayload.Kind kind) {
        Set<Integer> nodes = markers.get(kind);
        return nodes == null ? 0 : nodes.size();
    }

    /** Opens the measurement window now (once). */
    synchronized void openWindow(long nanos) {
        if (windowOpenNanos < 0) {
            windowOpenNanos = nanos;
        }
    }

    /** Closes the window now, if it is open and not closed yet. */
    synchronized void closeWindow(long nanos) {
        if (windowOpenNanos >= 0 && windowCloseNanos < 0) {
            windowCloseNanos = nanos;
        }
    }

    /** The result so far, with the sender's figures. */
    synchronized BenchResult result(BenchSpec spec, long sent, long refused, LatencyStats latency) {
        long window = windowOpenNanos < 0 ? 0 : (windowCloseNanos < 0 ? System.nanoTime() : windowCloseNanos)
                - windowOpenNanos;
        String problem = check.firstProblem() != null ? check.firstProblem()
                : check.ends() < spec.senders() ? "only " + check.ends() + " of " + spec.senders() + " END messages" : "";
        return new BenchResult(nodeId, spec.latencyMode() ? "lat" : "tput", spec.sizeBytes(),
                spec.delivery().name().toLowerCase(Locale.ROOT), sent, refused, windowMessages, windowBytes,
                window, totalDelivered, check.ends(), spec.senders(), check.ok(), problem, check.orderHash(),
                ring == null ? "none" : ring.toString(), members, ringChanges, Optional.ofNullable(latency));
    }
}
