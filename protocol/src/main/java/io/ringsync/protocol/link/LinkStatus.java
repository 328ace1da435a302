package io.ringsync.protocol.link;

/**
 * One link as {@code corosync-cfgtool -s} shows it: to {@code nodeId} ({@code nodeName}) on link
 * {@code linkNumber}, from {@code localAddress} to {@code remoteAddress}. Round-trip times are
 * min/avg/max over the last latency-window pongs in microseconds, -1 when unknown.
 * {@code local} marks this node's own entry, one pseudo-link per own link, always up.
 * {@code upCount}/{@code downCount} count transitions since start.
 */
public record LinkStatus(
        int nodeId,
        String nodeName,
        int linkNumber,
        String localAddress,
        String remoteAddress,
        boolean local,
        boolean up,
        long rttMinUs,
        long rttAvgUs,
        long rttMaxUs,
        long upCount,
        long downCount) {
}
