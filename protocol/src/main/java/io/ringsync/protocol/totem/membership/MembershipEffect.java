package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.RingConfiguration;
import java.util.List;

/** What {@link MembershipCore} asks its driver to do, in the order returned. */
public sealed interface MembershipEffect permits MembershipEffect.MulticastJoin, MembershipEffect.SendCommitToken,
        MembershipEffect.SetTimer, MembershipEffect.CancelTimer, MembershipEffect.StateChanged,
        MembershipEffect.CommitCompleted, MembershipEffect.StartFirstToken {

    /** Multicast {@code join} to every node (the sender does not need its own copy back). */
    record MulticastJoin(JoinMessage join) implements MembershipEffect {
    }

    /** Unicast {@code token} to {@code toNodeId}; never this node (the core hands itself tokens). */
    record SendCommitToken(int toNodeId, CommitToken token) implements MembershipEffect {
    }

    /** Arm (or restart) timer {@code kind} to expire {@code delayMs} from now. */
    record SetTimer(TimerKind kind, long delayMs) implements MembershipEffect {
    }

    /** Disarm timer {@code kind}, if armed. */
    record CancelTimer(TimerKind kind) implements MembershipEffect {
    }

    /** Membership went from {@code from} to {@code to} (possibly the same state, re-entered). */
    record StateChanged(MembershipState from, MembershipState to, TransitionReason reason) implements MembershipEffect {
    }

    /**
     * Rotation 2 reached this node: it is in RECOVERY for {@code newRing}. The recovery layer
     * re-originates old-ring messages for the {@code transitional} members (new members whose
     * old ring is this node's), using {@code token}'s entries, and reports back with
     * {@link MembershipCore#recoveryComplete(long)}.
     */
    record CommitCompleted(RingConfiguration newRing, List<Integer> transitional, CommitToken token)
            implements MembershipEffect {
    }

    /** The representative, in RECOVERY, got the commit token back: start {@code token} on the new ring. */
    record StartFirstToken(RegularToken token) implements MembershipEffect {
    }
}
