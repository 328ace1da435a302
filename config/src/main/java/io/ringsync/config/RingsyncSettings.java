package io.ringsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node's whole configuration, loaded from its HOCON file by {@link ConfigLoader} and
 * validated: immutable, typed, every default applied. {@code source} is the file it came
 * from (empty when built from a string, as in tests).
 */
public record RingsyncSettings(
        String clusterName,
        int nodeId,
        List<NodeEntry> nodelist,
        TotemSettings totem,
        QuorumSettings quorum,
        CryptoSettings crypto,
        TransportSettings transport,
        LinkSettings links,
        SystemSettings system,
        LoggingSettings logging,
        Optional<Path> source,
        CkptSettings ckpt) {

    public RingsyncSettings {
        nodelist = List.copyOf(nodelist);
    }

    /** As the canonical constructor, with the checkpoint service's defaults ({@link CkptSettings#DEFAULTS}). */
    public RingsyncSettings(String clusterName, int nodeId, List<NodeEntry> nodelist, TotemSettings totem,
                            QuorumSettings quorum, CryptoSettings crypto, TransportSettings transport, LinkSettings links,
                            SystemSettings system, LoggingSettings logging, Optional<Path> source) {
        this(clusterName, nodeId, nodelist, totem, quorum, crypto, transport, links, system, logging, source,
                CkptSettings.DEFAULTS);
    }

    /** This node's nodelist entry (validation guarantees it exists). */
    public NodeEntry localNode() {
        return node(nodeId).orElseThrow();
    }

    /** Every other node of the nodelist, in nodelist order. */
    public List<NodeEntry> peers() {
        return nodelist.stream().filter(n -> n.nodeId() != nodeId).toList();
    }

    /** The nodelist entry with this id. */
    public Optional<NodeEntry> node(int id) {
        return nodelist.stream().filter(n -> n.nodeId() == id).findFirst();
    }

    /** Corosync's effective token timeout for this nodelist. */
    public long effectiveTokenMs() {
        return totem.effectiveTokenMs(nodelist.size());
    }
}
