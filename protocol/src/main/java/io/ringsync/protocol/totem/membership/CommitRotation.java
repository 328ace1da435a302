package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.RingId;
import java.util.Objects;

/**
 * The commit token's two rotations (corosync.md section 1, "Commit token, rotation 1" and
 * "rotation 2") and the representative's first regular token, as decisions that
 * {@link MembershipCore} applies:
 * <ul>
 * <li><b>Rotation 1</b> ({@link #fillInGather}), in GATHER: fill my entry, enter COMMIT and
 *     forward the token to the next member to fill, or to the rep once every entry is filled.</li>
 * <li><b>Rotation 2</b>, in COMMIT: my new ring's token with every entry filled: enter RECOVERY
 *     and forward it, one hop later, to my successor on the new ring.</li>
 * <li><b>First token</b>, in RECOVERY: the rep, getting it back, starts the first regular token
 *     (once per gather).</li>
 * </ul>
 * This class changes no membership state: the core adopts a rotation's token, changes state
 * only through its one {@code transition} (STYLE.md rule 4), then forwards the token as
 * {@link #forward} says, receiving at once a token it forwards to itself (a ring of one). It
 * keeps only the ordering layer's old-ring progress, which fills my entry, and reads (never
 * changes) the core's gather sets.
 */
@PureCore
final class CommitRotation {

    /** What the core does with a commit token. */
    sealed interface Decision permits Ignore, Rotate, StartFirst {
    }

    /** Nothing: the token is not one this node acts on in its state. */
    enum Ignore implements Decision {
        /** The only value. */
        INSTANCE
    }

    /**
     * A rotation: adopt {@code adopted} as my new ring's commit token, enter {@code to} for
     * {@code reason}, then send {@link #forward}'s hop.
     */
    record Rotate(MembershipState to, TransitionReason reason, CommitToken adopted) implements Decision {
    }

    /** The rep got the filled token back in RECOVERY: start {@code token} on the new ring. */
    record StartFirst(RegularToken token) implements Decision {
    }

    /** Send {@code token} to {@code target}; the core hands it to itself if {@code target} is this node. */
    record Hop(int target, CommitToken token) {
    }

    private final int myNodeId;
    private final GatherSets sets;
    private long oldAru;
    private long oldHighSeq;
    private long oldHighDelivered;

    /** Rotations for {@code myNodeId}, reading the would-be members from the core's {@code sets}. */
    CommitRotation(int myNodeId, GatherSets sets) {
        this.myNodeId = myNodeId;
        this.sets = Objects.requireNonNull(sets, "sets");
    }

    /** The ordering layer's old-ring progress, saved into my commit-token entry in rotation 1. */
    void noteOrderingProgress(long aru, long highSeqReceived, long highDelivered) {
        if (aru < 0 || aru > highSeqReceived || highDelivered > highSeqReceived) {
            throw new IllegalArgumentException("bad progress " + aru + "/" + highSeqReceived + "/" + highDelivered);
        }
        oldAru = aru;
        oldHighSeq = highSeqReceived;
        oldHighDelivered = highDelivered;
    }

    /**
     * {@code token} arrived in {@code state}; {@code current} is my new ring's commit token (null
     * before COMMIT), {@code myRingSeq} and {@code oldRingId} are the core's ring seq and
     * installed ring, {@code firstTokenStarted} whether I started the first regular token since
     * the last GATHER. GATHER: rotation 1 ({@link #fillInGather}). COMMIT: rotation 2, if it is
     * my new ring's token with every entry filled. RECOVERY: the rep, getting it back, starts
     * the first regular token. Else ignored.
     */
    Decision decide(MembershipState state, CommitToken token, CommitToken current, long myRingSeq,
                    RingId oldRingId, boolean firstTokenStarted) {
        boolean mine = current != null && token.newRingId().equals(current.newRingId())
                && token.allEntriesFilled();
        return switch (state) {
            case GATHER -> fillInGather(token, myRingSeq, oldRingId);
            case COMMIT -> mine
                    ? new Rotate(MembershipState.RECOVERY, TransitionReason.COMMIT_TOKEN_ROTATION_2, token)
                    : Ignore.INSTANCE;
            case RECOVERY -> mine && myNodeId == token.newRingId().repNodeId() && !firstTokenStarted
                    ? new StartFirst(RegularToken.initial(token.newRingId()))
                    : Ignore.INSTANCE;
            case OPERATIONAL -> Ignore.INSTANCE;
        };
    }

    /**
     * Rotation 1: if proc − failed equals the token's members, its ring seq is above mine and
     * my entry is next, fill my entry, enter COMMIT and forward it.
     */
    private Decision fillInGather(CommitToken token, long myRingSeq, RingId oldRingId) {
        if (!token.members().equals(sets.members()) || token.newRingId().ringSeq() <= myRingSeq
                || token.allEntriesFilled() || token.nextToFill() != myNodeId) {
            return Ignore.INSTANCE;
        }
        CommitToken filled = token.fill(new MemberEntry(oldRingId, oldAru, oldHighDelivered, oldAru == oldHighSeq));
        return new Rotate(MembershipState.COMMIT, TransitionReason.COMMIT_TOKEN_ROTATION_1, filled);
    }

    /**
     * Where {@code rotate}'s token goes once the core entered its state: in rotation 1 to the next
     * member to fill, or to the rep once every entry is filled; in rotation 2, one hop later, to
     * my successor on the new ring.
     */
    Hop forward(Rotate rotate) {
        CommitToken token = rotate.adopted();
        if (rotate.to() == MembershipState.COMMIT) {
            return new Hop(token.allEntriesFilled() ? token.members().get(0) : token.nextToFill(), token);
        }
        return new Hop(token.configuration().successorOf(myNodeId), token.hop());
    }
}
