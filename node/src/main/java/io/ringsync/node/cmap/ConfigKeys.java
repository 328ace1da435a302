package io.ringsync.node.cmap;

import io.ringsync.config.LinkAddress;
import io.ringsync.config.LoggingSettings;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.QuorumSettings;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TotemSettings;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The keys of a node's configuration, as cmap shows it (pure). Names are the config file's own
 * ({@code totem.token}, {@code quorum.two_node}, {@code logging.subsys.transport}), with Corosync's
 * layout for the nodelist ({@code nodelist.node.<pos>.nodeid|name|quorum_votes|ring<N>_addr},
 * {@code nodelist.local_node_pos}). Durations are u32 milliseconds, sizes u64 bytes, yes/no keys
 * u8 0/1. {@code runtime.config.totem.*} holds the values Totem runs with: the effective token
 * (token_coefficient applied for this nodelist) and the derived timers.
 */
public final class ConfigKeys {

    /** The prefixes {@link #of} fills, each replaced whole when the configuration changes. */
    public static final String[] SECTIONS = {"totem.", "nodelist.", "quorum.", "logging.", "system.", "crypto.",
        "transport.", "links.", "ckpt.", "runtime.config.totem."};

    private ConfigKeys() {
    }

    /** Every configuration key of {@code settings}. */
    public static Map<String, CmapValue> of(RingsyncSettings settings) {
        Map<String, CmapValue> keys = new TreeMap<>();
        keys.putAll(totem(KeyMap.under("totem."), settings.totem()).str("cluster_name", settings.clusterName()).keys());
        keys.putAll(nodelist(settings));
        keys.putAll(quorum(settings.quorum()));
        keys.putAll(logging(settings.logging()));
        keys.putAll(others(settings));
        keys.putAll(runtimeTotem(settings.totem(), settings.nodelist().size()));
        return keys;
    }

    /** The prefix of the Totem values a node runs with. */
    public static final String RUNTIME_TOTEM = "runtime.config.totem.";

    /** {@code runtime.config.totem.*} of Totem running {@code totem} for a nodelist of {@code nodeCount} nodes. */
    public static Map<String, CmapValue> runtimeTotem(TotemSettings totem, int nodeCount) {
        return totem(KeyMap.under(RUNTIME_TOTEM), totem).u32("token", totem.effectiveTokenMs(nodeCount)).keys();
    }

    private static KeyMap totem(KeyMap k, TotemSettings t) {
        return k.u32("token", t.tokenMs()).u32("token_coefficient", t.tokenCoefficientMs())
                .u32("token_warning", t.tokenWarningPercent()).u32("token_retransmit", t.tokenRetransmitMs())
                .u32("hold", t.holdMs()).u32("token_retransmits_before_loss_const", t.tokenRetransmitsBeforeLossConst())
                .u32("join", t.joinMs()).u32("send_join", t.sendJoinMs()).u32("consensus", t.consensusMs())
                .u32("merge", t.mergeMs()).u32("downcheck", t.downcheckMs()).u32("fail_recv_const", t.failRecvConst())
                .u32("seqno_unchanged_const", t.seqnoUnchangedConst()).u32("max_messages", t.maxMessages())
                .u32("window_size", t.windowSize()).u32("miss_count_const", t.missCountConst())
                .flag("cancel_token_hold_on_retransmit", t.cancelTokenHoldOnRetransmit())
                .flag("fail_unreachable", t.failUnreachable())
                .u32("frame_size", t.frameBytes());
    }

    private static Map<String, CmapValue> nodelist(RingsyncSettings settings) {
        KeyMap k = KeyMap.under("nodelist.");
        for (int pos = 0; pos < settings.nodelist().size(); pos++) {
            NodeEntry node = settings.nodelist().get(pos);
            KeyMap n = k.at("node." + pos + ".").u32("nodeid", node.nodeId()).str("name", node.name())
                    .u32("quorum_votes", node.votes());
            for (int link = 0; link < node.links().size(); link++) {
                LinkAddress address = node.links().get(link);
                n.str("ring" + link + "_addr", address.host()).u32("ring" + link + "_port", address.port());
            }
            if (node.nodeId() == settings.nodeId()) {
                k.u32("local_node_pos", pos);
            }
        }
        return k.keys();
    }

    private static Map<String, CmapValue> quorum(QuorumSettings q) {
        KeyMap k = KeyMap.under("quorum.").str("provider", "ringsync_votequorum").flag("two_node", q.twoNode())
                .flag("wait_for_all", q.waitForAll()).flag("last_man_standing", q.lastManStanding())
                .u32("last_man_standing_window", q.lastManStandingWindowMs()).flag("auto_tie_breaker", q.autoTieBreaker())
                .str("auto_tie_breaker_node", "list".equals(q.autoTieBreakerNode())
                        ? q.autoTieBreakerNodes().stream().map(String::valueOf).collect(Collectors.joining(" "))
                        : q.autoTieBreakerNode())
                .flag("allow_downscale", q.allowDownscale()).flag("expected_votes_tracking", q.expectedVotesTracking());
        q.expectedVotes().ifPresent(expected -> k.u32("expected_votes", expected));
        q.qdevice().ifPresent(d -> k.at("device.").u32("votes", d.votes()).u32("timeout", d.timeoutMs())
                .u32("sync_timeout", d.syncTimeoutMs()));
        return k.keys();
    }

    private static Map<String, CmapValue> logging(LoggingSettings l) {
        KeyMap k = KeyMap.under("logging.").str("level", l.level()).flag("to_stderr", l.toStderr())
                .u32("blackbox_events", l.blackboxEvents());
        l.logfile().ifPresent(file -> k.str("logfile", file.toString()));
        l.subsystemLevels().forEach((subsystem, level) -> k.str("subsys." + subsystem, level));
        return k.keys();
    }

    private static Map<String, CmapValue> others(RingsyncSettings s) {
        KeyMap k = KeyMap.under("");
        k.at("system.").str("run_dir", s.system().runDir().toString()).str("state_dir", s.system().stateDir().toString())
                .str("ipc_socket", s.system().ipcSocket().toString())
                .str("ipc_socket_mode", String.format("%04o", s.system().ipcSocketMode()));
        k.at("crypto.").str("cipher", s.crypto().cipher());
        s.crypto().authkey().ifPresent(path -> k.at("crypto.").str("authkey", path.toString()));
        k.at("transport.").u64("term_length", s.transport().termLengthBytes()).u32("mtu", s.transport().mtuBytes())
                .flag("sparse_term_files", s.transport().sparseTermFiles()).str("idle_strategy", s.transport().idleStrategy())
                .u32("back_pressure_retries", s.transport().backPressureRetries())
                .u32("driver_timeout", s.transport().driverTimeoutMs());
        k.at("links.").u32("ping_interval", s.links().pingIntervalMs()).u32("ping_timeout", s.links().pingTimeoutMs())
                .u32("pong_count", s.links().pongCount()).u32("latency_window", s.links().latencyWindow());
        k.at("ckpt.").u32("max_checkpoints", s.ckpt().maxCheckpoints()).u64("max_total_bytes", s.ckpt().maxTotalBytes())
                .u32("tick_interval", s.ckpt().tickIntervalMs()).u32("request_timeout", s.ckpt().requestTimeoutMs());
        return k.keys();
    }
}
