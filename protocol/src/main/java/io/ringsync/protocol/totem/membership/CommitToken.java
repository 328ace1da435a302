package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.TotemMessage;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Corosync's {@code memb_commit_token} (wire type 4), created by the lowest node of a gather
 * consensus and passed around the new ring twice (corosync.md section 1, "Commit token,
 * rotation 1" and "rotation 2"). Immutable: each hop makes a new one.
 *
 * <p>Convention here: {@code membIndex} counts the entries filled so far; during rotation 1
 * the token goes to {@code members[membIndex]}, and once all are filled ({@code membIndex ==
 * n}) it travels rotation 2 in member order starting at the representative. Deviation from
 * Corosync: {@code entries} holds only the filled entries (Corosync sends n slots).
 *
 * @param tokenSeq  hop counter, +1 on every send
 * @param newRingId the ring being formed: rep = its lowest member, seq = highest seen + 4
 * @param membIndex entries filled so far, 0..n
 * @param members   the new ring's members, sorted (this is the ring order, {@code addr[]})
 * @param entries   the filled entries, in member order; {@code entries.size() == membIndex}
 */
public record CommitToken(long tokenSeq, RingId newRingId, int membIndex, List<Integer> members,
                          List<MemberEntry> entries) implements TotemMessage {

    /** Checks the members are sorted and unique, led by the rep, and the entries match membIndex. */
    public CommitToken {
        Objects.requireNonNull(newRingId, "newRingId");
        members = List.copyOf(members);
        entries = List.copyOf(entries);
        if (members.isEmpty() || !NodeSets.isSortedUnique(members) || members.get(0) != newRingId.repNodeId()) {
            throw new IllegalArgumentException("members must be sorted, unique and led by the rep: " + members);
        }
        if (membIndex < 0 || membIndex > members.size() || entries.size() != membIndex || tokenSeq < 0) {
            throw new IllegalArgumentException("bad commit token index " + membIndex + " with " + entries.size()
                    + " entries for " + members);
        }
    }

    /** The token the representative creates: no entries yet, hop 0. */
    public static CommitToken create(RingId newRingId, List<Integer> members) {
        return new CommitToken(0, newRingId, 0, members, List.of());
    }

    /** Whether rotation 1 is done: every member filled its entry. */
    public boolean allEntriesFilled() {
        return membIndex == members.size();
    }

    /** The member whose entry is next to fill (rotation 1 only). */
    public int nextToFill() {
        return members.get(membIndex);
    }

    /** The new ring as a configuration. */
    public RingConfiguration configuration() {
        return new RingConfiguration(newRingId, members);
    }

    /**
     * Rotation 1: this token with {@code entry} filled in for {@link #nextToFill()}. Then, as
     * Corosync's {@code memb_state_commit_token_update}, every filled entry of the same old ring
     * whose aru is below that ring's highest aru so far loses its received flag.
     */
    public CommitToken fill(MemberEntry entry) {
        List<MemberEntry> filled = new ArrayList<>(entries);
        filled.add(entry);
        long highAru = filled.stream().filter(e -> e.oldRingId().equals(entry.oldRingId()))
                .mapToLong(MemberEntry::aru).max().orElseThrow();
        filled.replaceAll(e -> e.oldRingId().equals(entry.oldRingId()) && e.aru() < highAru
                ? e.withoutReceivedFlag() : e);
        return new CommitToken(tokenSeq + 1, newRingId, membIndex + 1, members, filled);
    }

    /** Rotation 2: the same token, one hop later. */
    public CommitToken hop() {
        return new CommitToken(tokenSeq + 1, newRingId, membIndex, members, entries);
    }

    /** The transitional set of a member of {@code oldRingId}: new members whose old ring is that one. */
    public List<Integer> transitionalSet(RingId oldRingId) {
        List<Integer> set = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).oldRingId().equals(oldRingId)) {
                set.add(members.get(i));
            }
        }
        return List.copyOf(set);
    }
}
