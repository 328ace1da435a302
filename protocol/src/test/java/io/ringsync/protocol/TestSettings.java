package io.ringsync.protocol;

import io.ringsync.config.CryptoSettings;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.LinkSettings;
import io.ringsync.config.LoggingSettings;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.QuorumSettings;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.SystemSettings;
import io.ringsync.config.TotemSettings;
import io.ringsync.config.TransportSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Builds {@link RingsyncSettings} directly from the records (independent of the config loader). */
public final class TestSettings {

    /** Test link timing: ping every 100 ms, down after 600 ms, up after 2 pongs, window 8. */
    public static final LinkSettings FAST_LINKS = new LinkSettings(100, 600, 2, 8);

    /**
     * Short Totem timers for ring tests: token 1000 ms (+100 per node past 2), retransmit 238,
     * hold 50, consensus 1200; Corosync's constants otherwise (seqno_unchanged_const 30,
     * max_messages 17, window_size 50, miss_count_const 5, fail_recv_const 2500).
     */
    public static final TotemSettings FAST_TOTEM =
            new TotemSettings(1000, 100, 75, 238, 50, 4, 50, 0, 1200, 200, 1000, 2500, 30, 17, 50, 5, false, 1300, true);

    /**
     * Quick Totem timers for membership tests over real Aeron: token 300 ms (+50 per node past 2,
     * so 350 ms with 3 nodes and 450 ms with 5), retransmit 70, hold 40, join 50, consensus 600
     * (at least 1.2 x the effective token up to 6 nodes), merge 200; Corosync's constants
     * otherwise.
     */
    public static final TotemSettings RING_TOTEM =
            new TotemSettings(300, 50, 75, 70, 40, 4, 50, 0, 600, 200, 1000, 2500, 30, 17, 50, 5, false, 1300, true);

    /**
     * Corosync's timers for a 2 s token (retransmit token / 4.2, hold retransmit x 0.8 - 10,
     * consensus 1.2 x token), for tests that watch one ring carry traffic: a 2-core machine
     * shared with other builds delays tokens by hundreds of ms, which must not re-form (or split)
     * that ring.
     */
    public static final TotemSettings PATIENT_TOTEM =
            new TotemSettings(2000, 50, 75, 476, 370, 4, 50, 0, 2400, 200, 1000, 2500, 30, 17, 50, 5, false, 1300, true);

    private TestSettings() {
    }

    /** {@code count} nodes with ids 1..count, names node1.., one link each on 127.0.0.1 and a free UDP port. */
    public static List<NodeEntry> loopbackNodes(int count) {
        Set<Integer> ports = new HashSet<>();
        List<NodeEntry> nodes = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            int port = freeUdpPort();
            while (!ports.add(port)) {
                port = freeUdpPort();
            }
            nodes.add(new NodeEntry(id, "node" + id, 1, List.of(new LinkAddress("127.0.0.1", port))));
        }
        return nodes;
    }

    /** Settings of node {@code nodeId} of {@code nodes}, cluster "test", run dir {@code runDir}. */
    public static RingsyncSettings node(int nodeId, List<NodeEntry> nodes, Path runDir, LinkSettings links) {
        return node(nodeId, nodes, runDir, links, transport());
    }

    /** As {@link #node(int, List, Path, LinkSettings)} with other transport settings. */
    public static RingsyncSettings node(int nodeId, List<NodeEntry> nodes, Path runDir, LinkSettings links,
                                        TransportSettings transport) {
        return node(nodeId, nodes, runDir, links, transport, totem());
    }

    /** Cipher "none": frames are not sealed. */
    public static final CryptoSettings NO_CRYPTO = new CryptoSettings("none", Optional.empty());

    /** As {@link #node(int, List, Path, LinkSettings, TransportSettings)} with other Totem settings. */
    public static RingsyncSettings node(int nodeId, List<NodeEntry> nodes, Path runDir, LinkSettings links,
                                        TransportSettings transport, TotemSettings totem) {
        return node(nodeId, nodes, runDir, links, transport, totem, NO_CRYPTO);
    }

    /** As {@link #node(int, List, Path, LinkSettings, TransportSettings, TotemSettings)} with crypto settings. */
    public static RingsyncSettings node(int nodeId, List<NodeEntry> nodes, Path runDir, LinkSettings links,
                                        TransportSettings transport, TotemSettings totem, CryptoSettings crypto) {
        return new RingsyncSettings("test", nodeId, nodes, totem, quorum(), crypto, transport, links,
                new SystemSettings(runDir, runDir.resolve("state"), runDir.resolve("ipc.sock"), 0600),
                new LoggingSettings("WARN", true, Optional.empty(), Map.of(), 100), Optional.empty());
    }

    /** Small sparse terms, backoff idle up to 1 ms, 8 retries, 10 s driver timeout. */
    public static TransportSettings transport() {
        return transport("backoff", 1000);
    }

    /** The test transport settings with another idle strategy and maximum park. */
    public static TransportSettings transport(String idleStrategy, long idleMaxParkUs) {
        return transport(64 * 1024, idleStrategy, idleMaxParkUs);
    }

    /** The test transport settings with terms of {@code termLengthBytes} (the receiver window is half a term). */
    public static TransportSettings transport(int termLengthBytes) {
        return transport(termLengthBytes, "backoff", 1000);
    }

    private static TransportSettings transport(int termLengthBytes, String idleStrategy, long idleMaxParkUs) {
        return new TransportSettings(termLengthBytes, 1408, true, idleStrategy, idleMaxParkUs, 20_000, 8, 10_000);
    }

    /** Corosync 3.1's Totem defaults (token 3000 ms, hold 561 ms). */
    public static TotemSettings totem() {
        return new TotemSettings(3000, 650, 75, 714, 561, 4, 50, 0, 3600, 200, 1000, 2500, 30, 17, 50, 5, false, 1300, true);
    }

    private static QuorumSettings quorum() {
        return new QuorumSettings(OptionalInt.empty(), false, false, false, 10_000, false, "lowest",
                List.of(), false, false, Optional.empty());
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
