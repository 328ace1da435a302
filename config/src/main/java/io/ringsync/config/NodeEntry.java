package io.ringsync.config;

import java.util.List;

/**
 * One node of the nodelist: its id (non-zero, unique), a name for humans and tools, its
 * quorum votes (Corosync's {@code quorum_votes}, default 1) and its link addresses, link 0
 * first (at most 8 links, as knet).
 */
public record NodeEntry(int nodeId, String name, int votes, List<LinkAddress> links) {

    public NodeEntry {
        links = List.copyOf(links);
    }
}
