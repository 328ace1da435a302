package io.ringsync.protocol.link;

import io.ringsync.protocol.PureCore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which peers the links can no longer reach, from the link monitor's up/down events, for
 * Totem's fail-unreachable rule ({@code MembershipCore.peerReachability}). A peer is
 * unreachable when every link to it is down after one of them had been up: a peer never reached
 * yet (a node starting, or one not started) is not reported, so a cluster that forms does not
 * fail the nodes its links have not met yet. It is reachable again as soon as one link is up.
 * Own pseudo-links ({@link LinkStatus#local()}) are ignored.
 */
@PureCore
public final class NodeReachability {

    /** What a link event changed for its peer. */
    public record Change(int nodeId, boolean reachable) {
    }

    /** The links up to each peer that has had one up since start (a peer never reached has no entry). */
    private final Map<Integer, Set<Integer>> upLinks = new HashMap<>();
    private final TreeSet<Integer> unreachable = new TreeSet<>();

    /** Takes one link event; the peer's new reachability if this event changed it. */
    public Optional<Change> onLinkChanged(LinkStatus status) {
        if (status.local()) {
            return Optional.empty();
        }
        int node = status.nodeId();
        if (status.up()) {
            upLinks.computeIfAbsent(node, n -> new HashSet<>()).add(status.linkNumber());
            return unreachable.remove(node) ? Optional.of(new Change(node, true)) : Optional.empty();
        }
        Set<Integer> up = upLinks.get(node);
        if (up == null) {
            return Optional.empty();
        }
        up.remove(status.linkNumber());
        if (up.isEmpty() && unreachable.add(node)) {
            return Optional.of(new Change(node, false));
        }
        return Optional.empty();
    }

    /** The peers unreachable now, sorted (told again to a Totem that restarted). */
    public List<Integer> unreachable() {
        return List.copyOf(unreachable);
    }
}
