package io.ringsync.node.jmx;

import java.util.Map;

/**
 * The links and the transport ({@code io.ringsync:type=Links,node=<id>}): what
 * {@code ringsync cfg status} shows, read from the link monitor at each call.
 */
public interface LinksMXBean {

    /** One line per link, {@code node 2 link 0 127.0.0.1:5405 -> 127.0.0.2:5405: connected (rtt ...)}. */
    String[] getLinks();

    /** Peer links up. */
    int getLinksUp();

    /** Peer links down. */
    int getLinksDown();

    /** The transport's counters (frames and bytes sent and received, drops, send results). */
    Map<String, Long> getTransportCounters();
}
