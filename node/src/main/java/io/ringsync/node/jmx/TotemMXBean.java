package io.ringsync.node.jmx;

import java.util.Map;

/**
 * Totem's runtime statistics ({@code io.ringsync:type=Totem,node=<id>}): the values cmap shows as
 * {@code stats.srp.*} ({@link io.ringsync.node.cmap.StatsKeys}), read from Totem at each call.
 */
public interface TotemMXBean {

    /** The installed ring's id ({@code rep.seq}). */
    String getRingId();

    /** The membership state: operational, gather, commit or recovery. */
    String getState();

    /** The installed ring's members. */
    int[] getMembers();

    /** Every numeric {@code stats.srp.*} counter by its cmap name without the prefix ({@code orf_token_rx} ...). */
    Map<String, Long> getCounters();
}
