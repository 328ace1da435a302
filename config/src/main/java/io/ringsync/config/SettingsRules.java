package io.ringsync.config;

import io.ringsync.config.NodelistReader.Nodelist;
import java.util.stream.Collectors;

/**
 * Every rule that relates two or more keys, in one place (in the manner of Aeron's
 * {@code Context.conclude()}). A rule is skipped when one of its inputs already has a
 * problem, so one mistake is reported once. A problem is reported on the key the operator
 * set: for "a &lt; b" on a when a is set explicitly, else on b.
 *
 * <p>Totem timing uses the effective token (token + (n − 2) × token_coefficient for n ≥ 3),
 * as Corosync does: consensus ≥ 1.2 × effective token, consensus ≥ join, token_retransmit
 * &lt; effective token, hold &lt; token_retransmit, max_messages ≤ window_size. Links:
 * ping_interval &lt; ping_timeout. Crypto: a cipher needs an authkey. IPC: an explicit socket
 * mode lets the allowed uids (others write) and gids (group or others write) connect. Nodes: node_id is in
 * the nodelist. Quorum: two_node needs exactly 2 nodes and no device; last_man_standing
 * needs no device and 1 vote per node; listed tie-breakers are in the nodelist; expected
 * votes (explicit or the sum of votes) are at least 1. The combinations votequorum refuses to
 * start with are refused too: a device with auto_tie_breaker or allow_downscale; a device
 * without explicit votes beside an explicit expected_votes, or beside nodes of other than 1
 * vote; device votes that leave expected_votes less than 2 above them; auto_tie_breaker with
 * last_man_standing in a cluster of an odd number of votes without wait_for_all. Where
 * Corosync only logs and turns a flag off (two_node with auto_tie_breaker; auto_tie_breaker
 * with an odd number of votes and no wait_for_all), ringsync refuses as well: a flag silently
 * dropped is a surprise found during an outage.
 */
final class SettingsRules {

    private final ValueReader r;

    SettingsRules(ValueReader r) {
        this.r = r;
    }

    void conclude(RingsyncSettings s, Nodelist nodelist) {
        totem(s.totem(), s.totem().effectiveTokenMs(nodelist.declared()));
        links(s.links());
        crypto(s.crypto());
        ipc(s.system());
        localNode(s, nodelist);
        quorum(s, nodelist);
    }

    private void totem(TotemSettings t, long effectiveToken) {
        require(t.consensusMs() * 10 >= effectiveToken * 12, "totem.consensus",
                "must be at least 1.2 × effective token = " + effectiveToken * 12 / 10 + " ms (token "
                        + effectiveToken + " ms), got " + t.consensusMs() + " ms",
                "totem.consensus", "totem.token", "totem.token_coefficient");
        require(t.consensusMs() >= t.joinMs(), explicitOr("totem.consensus", "totem.join"),
                "consensus (" + t.consensusMs() + " ms) must be at least join (" + t.joinMs() + " ms)",
                "totem.consensus", "totem.join");
        require(t.tokenRetransmitMs() < effectiveToken, explicitOr("totem.token_retransmit", "totem.token"),
                "token_retransmit (" + t.tokenRetransmitMs() + " ms) must be below the effective token ("
                        + effectiveToken + " ms)", "totem.token_retransmit", "totem.token", "totem.token_coefficient");
        require(t.holdMs() < t.tokenRetransmitMs(), explicitOr("totem.hold", "totem.token_retransmit"),
                "hold (" + t.holdMs() + " ms) must be below token_retransmit (" + t.tokenRetransmitMs() + " ms)",
                "totem.hold", "totem.token_retransmit");
        require(t.maxMessages() <= t.windowSize(), "totem.max_messages", "max_messages ("
                        + t.maxMessages() + ") must not exceed window_size (" + t.windowSize() + ")",
                "totem.max_messages", "totem.window_size");
    }

    private void links(LinkSettings l) {
        require(l.pingIntervalMs() < l.pingTimeoutMs(), explicitOr("links.ping_interval", "links.ping_timeout"),
                "ping_interval (" + l.pingIntervalMs() + " ms) must be below ping_timeout ("
                        + l.pingTimeoutMs() + " ms)",
                "links", "totem.token", "totem.token_coefficient");
    }

    private void crypto(CryptoSettings c) {
        require(!c.enabled() || c.authkey().isPresent(), "crypto.authkey",
                "must be set when crypto.cipher is \"" + c.cipher() + "\"", "crypto");
    }

    /** An explicit socket mode must let the allowed users connect, which takes write permission. */
    private void ipc(SystemSettings s) {
        if (r.isUnset("system.ipc_socket_mode")) {
            return;
        }
        String mode = String.format("\"%04o\"", s.ipcSocketMode());
        String why = " (connecting takes write permission; the credential check still refuses everyone not"
                + " allowed); leave ipc_socket_mode unset to derive it";
        require(s.ipcAllowedUids().isEmpty() || (s.ipcSocketMode() & 0002) != 0, "system.ipc_socket_mode",
                mode + " does not let the users of system.ipc_allowed_uids connect: others need write, e.g. \"0666\""
                        + why, "system.ipc_socket_mode", "system.ipc_allowed_uids");
        require(s.ipcAllowedGids().isEmpty() || (s.ipcSocketMode() & 0022) != 0, "system.ipc_socket_mode",
                mode + " does not let the groups of system.ipc_allowed_gids connect: group or others need write,"
                        + " e.g. \"0666\"" + why, "system.ipc_socket_mode", "system.ipc_allowed_gids");
    }

    private void localNode(RingsyncSettings s, Nodelist nodelist) {
        if (!nodelist.complete()) {
            return;
        }
        String ids = nodelist.entries().stream().map(n -> String.valueOf(n.nodeId()))
                .collect(Collectors.joining(", "));
        require(s.node(s.nodeId()).isPresent(), "node_id",
                "node " + s.nodeId() + " is not in the nodelist (ids: " + ids + ")", "node_id");
    }

    private void quorum(RingsyncSettings s, Nodelist nodelist) {
        QuorumSettings q = s.quorum();
        boolean device = q.qdevice().isPresent();
        require(!q.twoNode() || nodelist.declared() == 2 || nodelist.declared() == 0, "quorum.two_node",
                "two_node needs exactly 2 nodes in the nodelist, got " + nodelist.declared(), "quorum.two_node");
        require(!q.twoNode() || !device, "quorum.two_node",
                "two_node cannot be combined with quorum.device", "quorum.two_node", "quorum.device");
        require(!q.lastManStanding() || !device, "quorum.last_man_standing",
                "last_man_standing cannot be combined with quorum.device",
                "quorum.last_man_standing", "quorum.device");
        require(!q.twoNode() || !q.autoTieBreaker(), "quorum.two_node",
                "two_node cannot be combined with auto_tie_breaker (two_node leaves the split to fencing,"
                        + " auto_tie_breaker to node ids)", "quorum.two_node", "quorum.auto_tie_breaker");
        require(!q.autoTieBreaker() || !device, "quorum.auto_tie_breaker",
                "auto_tie_breaker cannot be combined with quorum.device",
                "quorum.auto_tie_breaker", "quorum.device");
        require(!q.allowDownscale() || !device, "quorum.allow_downscale",
                "allow_downscale cannot be combined with quorum.device",
                "quorum.allow_downscale", "quorum.device");
        if (device) {
            deviceVotes(q);
        }
        if (nodelist.complete()) {
            quorumAgainstNodes(s, q);
        }
    }

    /** The device's votes against expected_votes, as votequorum checks them at start. */
    private void deviceVotes(QuorumSettings q) {
        boolean explicitVotes = !r.isUnset("quorum.device.votes");
        require(explicitVotes || q.expectedVotes().isEmpty(), "quorum.device",
                "quorum.device.votes must be set when quorum.expected_votes is set",
                "quorum.device", "quorum.expected_votes");
        int votes = q.qdevice().orElseThrow().votes();
        require(!explicitVotes || q.expectedVotes().isEmpty() || votes == 0
                        || q.expectedVotes().getAsInt() - votes >= 2, "quorum.device.votes",
                "quorum.device.votes (" + votes + ") is too high or quorum.expected_votes ("
                        + q.expectedVotes().orElse(0) + ") too low: expected_votes must exceed the device's votes by 2"
                        + " or more", "quorum.device", "quorum.expected_votes");
    }

    private void quorumAgainstNodes(RingsyncSettings s, QuorumSettings q) {
        for (NodeEntry n : s.nodelist()) {
            require(!q.lastManStanding() || n.votes() == 1, "quorum.last_man_standing",
                    "last_man_standing needs every node to have exactly 1 vote; node " + n.nodeId()
                            + " has " + n.votes(), "quorum.last_man_standing");
        }
        for (int id : q.autoTieBreakerNodes()) {
            require(s.node(id).isPresent(), "quorum.auto_tie_breaker_node",
                    "tie-breaker node " + id + " is not in the nodelist", "quorum.auto_tie_breaker_node");
        }
        boolean oneVoteEach = s.nodelist().stream().allMatch(n -> n.votes() == 1);
        require(q.qdevice().isEmpty() || oneVoteEach || !r.isUnset("quorum.device.votes"), "quorum.device",
                "quorum.device.votes must be set when not every node has 1 vote", "quorum.device", "nodelist");
        long sum = s.nodelist().stream().mapToLong(NodeEntry::votes).sum();
        oddTieBreaker(q, sum);
        long expected = q.expectedVotes().isPresent() ? q.expectedVotes().getAsInt() : sum;
        require(expected >= 1, explicitOr("quorum.expected_votes", "nodelist"), q.expectedVotes().isPresent()
                        ? "expected_votes must be at least 1, got " + expected
                        : "expected votes (the sum of the nodelist's votes) must be at least 1, got " + expected,
                "quorum.expected_votes");
    }

    /**
     * auto_tie_breaker in a cluster of an odd number of votes: without wait_for_all an isolated
     * majority of a cold start could be quorate without the tie-breaker, so votequorum needs it.
     */
    private void oddTieBreaker(QuorumSettings q, long nodelistVotes) {
        if (!q.autoTieBreaker() || nodelistVotes % 2 == 0 || q.waitForAll()) {
            return;
        }
        require(false, "quorum.auto_tie_breaker", q.lastManStanding()
                        ? "auto_tie_breaker and last_man_standing need wait_for_all in a cluster of an odd number of"
                                + " votes (" + nodelistVotes + ")"
                        : "auto_tie_breaker needs wait_for_all in a cluster of an odd number of votes ("
                                + nodelistVotes + ")",
                "quorum.auto_tie_breaker", "quorum.wait_for_all", "quorum.last_man_standing");
    }

    /** Reports {@code message} at {@code at} unless {@code ok} or an input already failed. */
    private void require(boolean ok, String at, String message, String... inputs) {
        if (!ok && !r.problems().anyFailed(inputs)) {
            r.problem(at, message);
        }
    }

    /** The key to blame: {@code preferred} when the operator set it, else {@code otherwise}. */
    private String explicitOr(String preferred, String otherwise) {
        return r.isUnset(preferred) ? otherwise : preferred;
    }
}
