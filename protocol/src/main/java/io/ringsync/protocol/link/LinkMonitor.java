package io.ringsync.protocol.link;

import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.wire.LinkPing;
import io.ringsync.protocol.wire.LinkPong;
import io.ringsync.protocol.wire.WireFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * knet-style link monitoring as a pure state machine (no clock, threads or I/O: time comes in
 * as {@code nowNs}). Every ping interval this node pings every peer on every link both have
 * (link k of this node to link k of the peer); a link is UP after {@code pongCount}
 * consecutive pongs and DOWN when no pong arrived for {@code pingTimeoutMs}; round-trip times
 * are kept over the last {@code latencyWindow} pongs. The rules per link are in
 * {@link PeerLink}. Like knet (and unlike Totem's token) this says nothing about membership:
 * it feeds status tools and, later, link selection.
 *
 * <p>Deviations from knet: pings carry no MTU probing; a ping does not count as liveness,
 * only pongs do; and a link that is DOWN is pinged {@value #DOWN_PING_SPEEDUP} times as often,
 * so that a starting cluster, or a link coming back, reaches pong_count pongs in about half a
 * ping interval instead of pong_count intervals. The extra pings last only while the link is
 * down.
 */
@PureCore
public final class LinkMonitor {

    /** How many times as often a DOWN link is pinged (the driving actor ticks this often). */
    public static final int DOWN_PING_SPEEDUP = 4;

    private final int localNodeId;
    private final NodeEntry local;
    private final long intervalNs;
    private final long timeoutNs;
    private final int pongCount;
    private final int latencyWindow;
    private final List<PeerLink> links = new ArrayList<>();
    private long ignoredPongs;

    /** A monitor for {@code settings}' node and nodelist, all peer links DOWN. */
    public LinkMonitor(RingsyncSettings settings) {
        this.localNodeId = settings.nodeId();
        this.local = settings.localNode();
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(settings.links().pingIntervalMs());
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(settings.links().pingTimeoutMs());
        this.pongCount = Math.max(1, settings.links().pongCount());
        this.latencyWindow = settings.links().latencyWindow();
        links.addAll(linksTo(settings.nodelist()));
    }

    /** A link per link number this node and each peer of {@code nodelist} both have, DOWN. */
    private List<PeerLink> linksTo(List<NodeEntry> nodelist) {
        List<PeerLink> all = new ArrayList<>();
        for (NodeEntry peer : nodelist) {
            if (peer.nodeId() == localNodeId) {
                continue;
            }
            int common = Math.min(peer.links().size(), local.links().size());
            for (int k = 0; k < common; k++) {
                all.add(new PeerLink(peer.nodeId(), peer.name(), k, local.links().get(k).hostPort(),
                        peer.links().get(k).hostPort(), latencyWindow));
            }
        }
        return all;
    }

    /**
     * Monitors the peers of {@code nodelist} from now on (a runtime nodelist change): links of an
     * added peer start DOWN, a removed peer's are dropped, an unchanged link keeps its state and
     * round-trip times. This node's own links do not change.
     */
    public void changeNodelist(List<NodeEntry> nodelist) {
        List<PeerLink> next = new ArrayList<>();
        for (PeerLink fresh : linksTo(nodelist)) {
            PeerLink kept = find(fresh.nodeId, fresh.linkNumber);
            next.add(kept != null && kept.remoteAddress.equals(fresh.remoteAddress) ? kept : fresh);
        }
        links.clear();
        links.addAll(next);
    }

    /** Pings that are due and links that timed out. */
    public List<LinkEffect> onTick(long nowNs) {
        List<LinkEffect> effects = new ArrayList<>();
        for (PeerLink link : links) {
            if (link.timedOut(nowNs, timeoutNs)) {
                effects.add(new LinkEffect.LinkChanged(link.status(), link.silentMs(nowNs)));
            }
            long seq = link.pingIfDue(nowNs, link.isUp() ? intervalNs : intervalNs / DOWN_PING_SPEEDUP);
            if (seq > 0) {
                LinkPing ping = new LinkPing(localNodeId, link.nodeId, link.linkNumber, seq, nowNs);
                effects.add(new LinkEffect.SendFrame(link.nodeId, link.linkNumber, ping));
            }
        }
        return effects;
    }

    /** Dispatches a link-layer frame; other frames produce nothing. */
    public List<LinkEffect> onFrame(WireFrame frame, long nowNs) {
        if (frame instanceof LinkPing ping) {
            return onPing(ping, nowNs);
        }
        if (frame instanceof LinkPong pong) {
            return onPong(pong, nowNs);
        }
        return List.of();
    }

    /** The pong answering {@code ping}, on the link it came in on. */
    public List<LinkEffect> onPing(LinkPing ping, long nowNs) {
        if (find(ping.senderNodeId(), ping.linkNumber()) == null) {
            return List.of();
        }
        LinkPong pong = new LinkPong(localNodeId, ping.senderNodeId(), ping.linkNumber(), ping.seq(), ping.sendTimeNs());
        return List.of(new LinkEffect.SendFrame(ping.senderNodeId(), ping.linkNumber(), pong));
    }

    /** Counts a plausible pong (RTT sample; UP after enough); ignores stale or implausible ones. */
    public List<LinkEffect> onPong(LinkPong pong, long nowNs) {
        PeerLink link = find(pong.senderNodeId(), pong.linkNumber());
        if (link == null || !link.plausible(pong.seq(), pong.echoedSendTimeNs(), nowNs, timeoutNs)) {
            ignoredPongs++;
            return List.of();
        }
        if (link.onPong(pong.seq(), pong.echoedSendTimeNs(), nowNs, timeoutNs, pongCount)) {
            return List.of(new LinkEffect.LinkChanged(link.status(), 0));
        }
        return List.of();
    }

    /** Own pseudo-links (always up), then every peer link in nodelist order. */
    public List<LinkStatus> statuses() {
        List<LinkStatus> all = new ArrayList<>();
        for (int k = 0; k < local.links().size(); k++) {
            String address = local.links().get(k).hostPort();
            all.add(new LinkStatus(localNodeId, local.name(), k, address, address, true, true, -1, -1, -1, 0, 0));
        }
        links.forEach(link -> all.add(link.status()));
        return List.copyOf(all);
    }

    /** Pongs ignored as stale, implausible or for an unknown link. */
    public long ignoredPongs() {
        return ignoredPongs;
    }

    private PeerLink find(int nodeId, int linkNumber) {
        for (PeerLink link : links) {
            if (link.nodeId == nodeId && link.linkNumber == linkNumber) {
                return link;
            }
        }
        return null;
    }
}
