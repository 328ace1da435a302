package io.ringsync.node.cmap;

import io.ringsync.config.NodeEntry;
import io.ringsync.config.QuorumSettings;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TotemSettings;
import io.ringsync.quorum.QuorumSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The membership part of a reload (pure): what of a new file's nodelist, totem section and
 * expected votes a running node takes, as Corosync 3 takes them on {@code corosync-cfgtool -R}.
 *
 * <ul>
 * <li><b>Nodelist</b>: nodes added or removed, and peers' addresses and votes, are taken at once
 *     by the transport, the link monitor and Totem (see {@link io.ringsync.node.service.LiveSettings}).
 *     This node's own link addresses are bound at start, so a change of them needs a restart and
 *     its running addresses stay. A node removed from the nodelist while it is a member of this
 *     node's ring makes the file invalid (stop that node first, then reload): its peers would cut
 *     it off mid-ring while it still counts itself a member.</li>
 * <li><b>Totem timers and constants</b> are taken from the next ring this node commits to
 *     ({@link io.ringsync.protocol.totem.srp.SrpCore#changeSettings}); {@code frame_size}, which
 *     sizes the message queues, needs a restart.</li>
 * <li><b>Expected votes</b> follow the file as votequorum computes them at start
 *     ({@code quorum.expected_votes}, else the nodelist's votes plus a device's): a change is
 *     applied through the quorum service's ordered change, as votequorum's reload sends its
 *     reconfigure message. The other quorum options need a restart.</li>
 * </ul>
 */
final class NodelistReload {

    /** The suffix of an applied Totem change line: it runs from the next ring. */
    static final String NEXT_RING = " (from the next ring)";

    private NodelistReload() {
    }

    /** Why {@code loaded}'s nodelist cannot replace {@code running}'s while {@code ringMembers} form the ring; empty if it can. */
    static List<String> problems(RingsyncSettings running, RingsyncSettings loaded, List<Integer> ringMembers) {
        List<String> problems = new ArrayList<>();
        for (NodeEntry node : running.nodelist()) {
            if (loaded.node(node.nodeId()).isEmpty() && ringMembers.contains(node.nodeId())) {
                problems.add("node " + node.nodeId() + " is removed from the nodelist but is a member of the ring "
                        + ringMembers + ": stop it first (ringsync cfg kill " + node.nodeId() + "), then reload");
            }
        }
        return problems;
    }

    /** The nodelist to run with: {@code loaded}'s, with this node's own links as they run. */
    static List<NodeEntry> nodelist(RingsyncSettings running, RingsyncSettings loaded) {
        NodeEntry own = running.localNode();
        return loaded.nodelist().stream().map(node -> node.nodeId() != own.nodeId() ? node
                : new NodeEntry(node.nodeId(), node.name(), node.votes(), own.links())).toList();
    }

    /** The Totem section to run with (from the next ring): {@code loaded}'s, with the running frame size. */
    static TotemSettings totem(RingsyncSettings running, RingsyncSettings loaded) {
        return loaded.totem().withFrameBytes(running.totem().frameBytes());
    }

    /** The quorum section to run with: the running one with {@code loaded}'s expected votes. */
    static QuorumSettings quorum(RingsyncSettings running, RingsyncSettings loaded) {
        QuorumSettings q = running.quorum();
        return new QuorumSettings(loaded.quorum().expectedVotes(), q.twoNode(), q.waitForAll(), q.lastManStanding(),
                q.lastManStandingWindowMs(), q.autoTieBreaker(), q.autoTieBreakerNode(), q.autoTieBreakerNodes(),
                q.allowDownscale(), q.expectedVotesTracking(), q.qdevice());
    }

    /** The expected votes {@code next} gives, when they differ from {@code running}'s. */
    static OptionalInt expectedVotesChange(RingsyncSettings running, RingsyncSettings next) {
        int before = QuorumSetup.of(running).expected();
        int after = QuorumSetup.of(next).expected();
        return before == after ? OptionalInt.empty() : OptionalInt.of(after);
    }

    /** The applied change lines, Totem's marked as taking effect from the next ring. */
    static List<String> marked(List<String> applied) {
        return applied.stream().map(line -> line.startsWith("totem.") ? line + NEXT_RING : line).toList();
    }

    /** Whether applying {@code applied} changes what the transport, link monitor or Totem run with. */
    static boolean touchesMembership(List<String> applied) {
        return applied.stream().anyMatch(line -> line.startsWith("nodelist.") || line.startsWith("totem."));
    }
}
