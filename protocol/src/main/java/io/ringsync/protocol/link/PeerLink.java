package io.ringsync.protocol.link;

import io.ringsync.protocol.PureCore;

/**
 * The monitor's state of one directed link to a peer, and its rules:
 * <ul>
 *   <li>a ping is due every interval the monitor passes (shorter while the link is down); seq
 *       starts at 1 and increases by one per ping;</li>
 *   <li>a pong counts only if its seq is above the last counted pong's and not above the last
 *       ping sent, and its echoed send time is not in the future nor older than the ping
 *       timeout (else it is stale or implausible and ignored);</li>
 *   <li>pongs are consecutive while each arrives within the ping timeout of the previous one;
 *       the link goes up at pong-count consecutive pongs;</li>
 *   <li>an up link goes down when no pong counted for the ping timeout.</li>
 * </ul>
 */
@PureCore
final class PeerLink {

    final int nodeId;
    final String nodeName;
    final int linkNumber;
    final String localAddress;
    final String remoteAddress;
    private final RttWindow rtt;
    private boolean up;
    private long nextPingDueNs;
    private boolean pinged;
    private long lastPingSeq;
    private long lastPongSeq;
    private long lastPongNs;
    private int consecutivePongs;
    private long upCount;
    private long downCount;

    PeerLink(int nodeId, String nodeName, int linkNumber, String localAddress, String remoteAddress, int window) {
        this.nodeId = nodeId;
        this.nodeName = nodeName;
        this.linkNumber = linkNumber;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.rtt = new RttWindow(window);
    }

    /** The seq of a ping to send now, or 0 when none is due; schedules the next one. */
    long pingIfDue(long nowNs, long intervalNs) {
        if (pinged && nowNs - nextPingDueNs < 0) {
            return 0;
        }
        pinged = true;
        nextPingDueNs = nowNs + intervalNs;
        return ++lastPingSeq;
    }

    /** Applies a pong; true when it brought the link up. Returns false for ignored pongs too. */
    boolean onPong(long seq, long echoedSendTimeNs, long nowNs, long timeoutNs, int pongCount) {
        consecutivePongs = consecutivePongs > 0 && nowNs - lastPongNs <= timeoutNs ? consecutivePongs + 1 : 1;
        lastPongSeq = seq;
        lastPongNs = nowNs;
        rtt.add(nowNs - echoedSendTimeNs);
        if (!up && consecutivePongs >= pongCount) {
            up = true;
            upCount++;
            return true;
        }
        return false;
    }

    /** True when a pong with this seq and echo is worth counting (see class rules). */
    boolean plausible(long seq, long echoedSendTimeNs, long nowNs, long timeoutNs) {
        long age = nowNs - echoedSendTimeNs;
        return seq > lastPongSeq && seq <= lastPingSeq && age >= 0 && age <= timeoutNs;
    }

    /** True when the link just went down for lack of pongs. */
    boolean timedOut(long nowNs, long timeoutNs) {
        if (!up || nowNs - lastPongNs < timeoutNs) {
            return false;
        }
        up = false;
        consecutivePongs = 0;
        downCount++;
        return true;
    }

    boolean isUp() {
        return up;
    }

    /** Milliseconds since the last counted pong, or -1 before the first. */
    long silentMs(long nowNs) {
        return lastPongSeq == 0 ? -1 : (nowNs - lastPongNs) / 1_000_000;
    }

    LinkStatus status() {
        return new LinkStatus(nodeId, nodeName, linkNumber, localAddress, remoteAddress, false, up,
                rtt.minUs(), rtt.avgUs(), rtt.maxUs(), upCount, downCount);
    }
}
