package io.ringsync.node.cmap;

import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated part of the CMAP service (pure; {@link ServiceId#CMAP}): the cluster-wide
 * operations of {@code ringsync cfg}, decided at points of the total order so every member
 * decides alike. It holds no state to sync: its sync round sends nothing.
 *
 * <p><b>Kill</b> ({@code corosync-cfgtool -k}): the target node, on delivery, stops gracefully.
 *
 * <p><b>Reload</b> ({@code corosync-cfgtool -R}), atomic as in Corosync 3.1: on delivery of the
 * request every member of the ring re-reads and validates its own config file and multicasts its
 * verdict. When the verdicts of every member of that ring have been delivered, each member
 * commits (every file valid: each applies what can change at runtime) or drops its new file (any
 * invalid: nothing changes anywhere). A configuration change before the last verdict aborts
 * every reload in progress on every member alike, nothing applied.
 */
public final class CfgService implements ReplicatedService {

    private record Round(int origin, long requestId, List<Integer> voters, Map<Integer, ReloadVerdict> votes) {
    }

    private final int localNodeId;
    private final List<CfgEffect> effects = new ArrayList<>();
    private final Map<String, Round> rounds = new LinkedHashMap<>();
    private List<Integer> members = List.of();
    private long undecodable;

    /** The service of node {@code localNodeId}. */
    public CfgService(int localNodeId) {
        this.localNodeId = localNodeId;
    }

    @Override
    public ServiceId serviceId() {
        return ServiceId.CMAP;
    }

    /** The effects produced since the last call, in order. */
    public List<CfgEffect> takeEffects() {
        List<CfgEffect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    /** The current regular configuration's members. */
    public List<Integer> members() {
        return members;
    }

    /** Bodies skipped as not a {@link CfgMessage}. */
    public long undecodable() {
        return undecodable;
    }

    /** The vote of this node on reload {@code requestId} of {@code origin}: the body to multicast. */
    public byte[] vote(int origin, long requestId, ReloadVerdict verdict) {
        return CfgCodec.encode(new CfgMessage.ReloadVote(origin, requestId, verdict));
    }

    @Override
    public void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                                List<Integer> joined) {
        for (Round round : rounds.values()) {
            effects.add(new CfgEffect.ReloadDecided(round.origin(), round.requestId(), false, List.of(),
                    "the ring changed during the reload (members " + members + "); nothing was applied: run it again"));
        }
        rounds.clear();
        if (kind == ConfigurationKind.REGULAR) {
            List<Integer> gone = this.members.stream().filter(id -> !members.contains(id)).toList();
            this.members = List.copyOf(members);
            effects.add(new CfgEffect.Regular(this.members, gone));
        }
    }

    @Override
    public List<byte[]> syncInit(RingId ringId, List<Integer> members) {
        return List.of();
    }

    @Override
    public void syncProcess(int senderNodeId, byte[] body) {
    }

    @Override
    public void syncActivate(RingId ringId) {
    }

    @Override
    public void syncAbort(RingId ringId) {
    }

    @Override
    public void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body) {
        Optional<CfgMessage> decoded = CfgCodec.decode(body);
        if (decoded.isEmpty()) {
            undecodable++;
            return;
        }
        CfgMessage message = decoded.get();
        if (message instanceof CfgMessage.Kill kill) {
            if (kill.target() == localNodeId) {
                effects.add(new CfgEffect.StopNode("killed by node " + kill.origin() + " (ringsync cfg kill)"));
            }
        } else if (message instanceof CfgMessage.ReloadRequest request) {
            rounds.put(key(request.origin(), request.requestId()),
                    new Round(request.origin(), request.requestId(), members, new TreeMap<>()));
            effects.add(new CfgEffect.ValidateReload(request.origin(), request.requestId()));
        } else {
            onVote(senderNodeId, (CfgMessage.ReloadVote) message);
        }
    }

    /** A vote counts when its sender votes for itself and belongs to the round's ring. */
    private void onVote(int senderNodeId, CfgMessage.ReloadVote vote) {
        String key = key(vote.origin(), vote.requestId());
        Round round = rounds.get(key);
        if (round == null || vote.verdict().nodeId() != senderNodeId || !round.voters().contains(senderNodeId)) {
            return;
        }
        round.votes().put(vote.verdict().nodeId(), vote.verdict());
        if (round.votes().keySet().containsAll(round.voters())) {
            rounds.remove(key);
            boolean commit = round.votes().values().stream().allMatch(ReloadVerdict::valid);
            effects.add(new CfgEffect.ReloadDecided(round.origin(), round.requestId(), commit,
                    new ArrayList<>(round.votes().values()), ""));
        }
    }

    private static String key(int origin, long requestId) {
        return origin + "/" + requestId;
    }
}
