package io.ringsync.examples.kvstore;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member's replica of the key/value store and how it stays equal to the others' (pure: no
 * clock, no I/O). Writes are messages of the CPG group's one total order, applied by every
 * member in that order. After every change of the group (and after CPG's sync round for a new
 * ring) the members compare replicas: each multicasts a {@link Have} with its version and
 * digest as they were at the change; once every member's is delivered, the replica with the
 * highest version (then the lowest node id) is the source, and a member whose version or digest
 * differs from the source's is stale. The source writes its replica to the checkpoint service and
 * announces it ({@link Snapshot}); a stale member installs it and applies again the writes that
 * came after it. Everything each step depends on is a delivery of the one total order, so every
 * member picks the same source and a stale member ends with the source's replica.
 *
 * <p>Writes are accepted only in a quorate ring, so the replicas of two partitions do not both
 * move on; the highest version is then the most recent history. (A write taken in the moment a
 * partition forms, before the minority's node notices, may reach only the minority; when the
 * partitions merge, the replicas are compared by version and digest and every member ends with
 * the source's.)
 */
@PureCore
public final class KvCore {

    /**
     * The replica a member had at the start of a comparison.
     *
     * @param ring    the ring of the comparison
     * @param members the member list it compares among
     * @param version writes applied
     * @param digest  the replica's digest
     */
    public record Have(RingId ring, List<CpgMember> members, long version, String digest) {

        /** Copies the list. */
        public Have {
            members = List.copyOf(members);
        }
    }

    /**
     * The source has written its replica, of {@code version} and {@code digest}, to the
     * checkpoint for the comparison of {@code ring} and {@code members}.
     */
    public record Snapshot(RingId ring, List<CpgMember> members, long version, String digest) {

        /** Copies the list. */
        public Snapshot {
            members = List.copyOf(members);
        }
    }

    /** What the driver does next. */
    public sealed interface Effect permits SendHave, WriteSnapshot, ReadSnapshot {
    }

    /** Multicast this replica's {@link Have}. */
    public record SendHave(Have have) implements Effect {
    }

    /** This member is the source: write {@code replica} to the checkpoint, then multicast {@code snapshot}. */
    public record WriteSnapshot(KvReplica replica, Snapshot snapshot) implements Effect {
    }

    /** This member is stale: read the checkpoint and {@link #install} it if it is {@code snapshot}. */
    public record ReadSnapshot(Snapshot snapshot) implements Effect {
    }

    private static final Comparator<CpgMember> LOWEST = Comparator.comparingInt(CpgMember::nodeId)
            .thenComparingLong(CpgMember::pid);

    private final CpgMember self;
    private final List<Effect> effects = new ArrayList<>();
    private KvReplica replica = new KvReplica();
    private RingId ring;
    private List<CpgMember> members = List.of();
    private List<CpgMember> comparing;
    private Have mine;
    private Map<CpgMember, Have> haves;
    private final List<KvReplica.Write> sinceComparison = new ArrayList<>();
    private Snapshot awaited;
    private long sourceStartVersion;
    private boolean current;

    /** The core of process {@code self}. */
    public KvCore(CpgMember self) {
        this.self = self;
    }

    /** CPG's sync round for {@code ringId} ended: compare replicas in the new ring. */
    public void groupRing(RingId ringId) {
        ring = ringId;
        if (members.contains(self)) {
            startComparison();
        }
    }

    /** The group changed: a change within the ring starts a comparison; one made by a ring change waits for {@link #groupRing}. */
    public void groupChanged(CpgConfChg change) {
        members = change.members();
        comparing = null;
        current = false;
        boolean byRing = change.left().stream().anyMatch(KvCore::ringReason)
                || change.joined().stream().anyMatch(KvCore::ringReason);
        if (byRing) {
            ring = null;
        } else if (ring != null && members.contains(self)) {
            startComparison();
        }
    }

    /** A write was delivered: every member applies it (a stale one again, once it installed the source's replica). */
    public void writeDelivered(KvReplica.Write write) {
        replica.apply(write);
        sinceComparison.add(write);
    }

    /** A {@link Have} was delivered from {@code sender}. */
    public void haveDelivered(CpgMember sender, Have have) {
        if (comparing == null || !have.ring().equals(ring) || !have.members().equals(comparing)
                || !comparing.contains(sender) || haves.containsKey(sender)) {
            return;
        }
        haves.put(sender, have);
        if (haves.size() < comparing.size()) {
            return;
        }
        CpgMember source = comparing.stream().max(Comparator.comparingLong((CpgMember m) -> haves.get(m).version())
                .thenComparing(LOWEST.reversed())).orElseThrow();
        Have best = haves.get(source);
        comparing = null;
        Snapshot snapshot = new Snapshot(best.ring(), best.members(), replica.version(), replica.digest());
        if (source.equals(self)) {
            current = true;
            if (haves.values().stream().anyMatch(h -> !sameReplica(h, best))) {
                effects.add(new WriteSnapshot(replica.copy(), snapshot));
            }
        } else if (sameReplica(mine, best)) {
            current = true;
        } else {
            awaited = new Snapshot(best.ring(), best.members(), -1, "");
            sourceStartVersion = best.version();
        }
    }

    /** The source's {@link Snapshot} notice was delivered. */
    public void snapshotDelivered(Snapshot snapshot) {
        if (awaited != null && snapshot.ring().equals(awaited.ring()) && snapshot.members().equals(awaited.members())) {
            awaited = snapshot;
            effects.add(new ReadSnapshot(snapshot));
        }
    }

    /**
     * Installs {@code snapshot}, read from the checkpoint, when it is the awaited one (its version
     * and digest): the writes delivered since the comparison started that it does not hold are
     * applied again on top of it. False (nothing changed) for another one: the checkpoint may not
     * have reached this node yet.
     */
    public boolean install(KvReplica snapshot) {
        if (awaited == null || awaited.version() < 0 || snapshot.version() != awaited.version()
                || !snapshot.digest().equals(awaited.digest())) {
            return false;
        }
        // The source's replica holds the first (its version - its version at the comparison's start)
        // writes delivered since the start; this member applies the rest again on top of it.
        KvReplica installed = snapshot.copy();
        for (long i = snapshot.version() - sourceStartVersion; i < sinceComparison.size(); i++) {
            installed.apply(sinceComparison.get((int) i));
        }
        replica = installed;
        awaited = null;
        current = true;
        return true;
    }

    /** The effects to carry out, in order, since the last call. */
    public List<Effect> takeEffects() {
        List<Effect> taken = List.copyOf(effects);
        effects.clear();
        return taken;
    }

    /** This member's replica now. */
    public KvReplica replica() {
        return replica;
    }

    /** True when the last comparison found this replica equal to the source's (or installed it). */
    public boolean current() {
        return current;
    }

    /** The ring of the group, when it is not changing. */
    public Optional<RingId> ring() {
        return Optional.ofNullable(ring);
    }

    private void startComparison() {
        comparing = List.copyOf(members);
        haves = new LinkedHashMap<>();
        sinceComparison.clear();
        awaited = null;
        current = false;
        mine = new Have(ring, comparing, replica.version(), replica.digest());
        effects.add(new SendHave(mine));
    }

    private static boolean sameReplica(Have a, Have b) {
        return a.version() == b.version() && a.digest().equals(b.digest());
    }

    private static boolean ringReason(CpgAddress address) {
        return address.reason() == CpgReason.NODEDOWN || address.reason() == CpgReason.NODEUP;
    }
}
