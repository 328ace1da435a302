package io.ringsync.protocol.link;

import java.util.List;
import java.util.Map;

/**
 * Every link of a node (own pseudo-links first, then peers in nodelist order, links
 * ascending) and the transport's counters ({@code TransportStats.asMap()}, empty when the
 * transport did not answer in time).
 */
public record LinkStatusReport(int localNodeId, String clusterName, List<LinkStatus> links,
                               Map<String, Long> transportCounters) {

    public LinkStatusReport {
        links = List.copyOf(links);
        transportCounters = Map.copyOf(transportCounters);
    }
}
