package io.ringsync.node.ipc;

import io.ringsync.config.SystemSettings;
import io.ringsync.node.ProcessIdentity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may use a node's IPC socket, as Corosync's {@code uidgid} section decides it: root, the
 * node's own uid, the uids of {@code system.ipc_allowed_uids}, and any client whose primary
 * gid is in {@code system.ipc_allowed_gids}. Checked against each client's
 * {@link PeerCredentials} before the server reads a byte from it.
 */
public final class IpcAccess {

    private final Set<Long> uids;
    private final Set<Long> gids;
    private final int nodeId;

    /** Exactly these uids and gids (tests use it to refuse root). */
    IpcAccess(Set<Long> uids, Set<Long> gids, int nodeId) {
        this.uids = Set.copyOf(uids);
        this.gids = Set.copyOf(gids);
        this.nodeId = nodeId;
    }

    /** Root, this process's uid, and the ids {@code system} allows, for node {@code nodeId}. */
    public static IpcAccess of(SystemSettings system, int nodeId) {
        Set<Long> uids = new TreeSet<>(system.ipcAllowedUids());
        uids.add(0L);
        uids.add(ProcessIdentity.uid());
        return new IpcAccess(uids, Set.copyOf(system.ipcAllowedGids()), nodeId);
    }

    /** Empty when {@code peer} may connect; else the reason, as the client is told it. */
    public Optional<String> refusal(PeerCredentials peer) {
        if (uids.contains(peer.uid()) || gids.contains(peer.gid())) {
            return Optional.empty();
        }
        String who = gids.isEmpty() ? "uid " + peer.uid() : "uid " + peer.uid() + " (gid " + peer.gid() + ")";
        String keys = gids.isEmpty() ? "system.ipc_allowed_uids" : "system.ipc_allowed_uids or system.ipc_allowed_gids";
        return Optional.of("access denied: " + who + " is not allowed by " + keys + " on node " + nodeId);
    }

    /** For the start-up log line, e.g. "uids [0, 1000], gids [27]". */
    @Override
    public String toString() {
        return "uids " + new TreeSet<>(uids) + (gids.isEmpty() ? "" : ", gids " + new TreeSet<>(gids));
    }
}
