package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemMessage;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TimerKind;
import io.ringsync.protocol.totem.membership.TransitionReason;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SrpCore} asks its driver to do, in the order returned. The driver sends frames,
 * keys one timer per {@link TimerKind} (setting one again restarts it), hands deliveries and
 * configuration changes to the listener in exactly this order, and persists the ring seq
 * before it sends anything that follows a {@link PersistRingSeq}.
 */
public sealed interface TotemEffect permits TotemEffect.Send, TotemEffect.SetTimer, TotemEffect.CancelTimer,
        TotemEffect.Deliver, TotemEffect.ConfigurationChange, TotemEffect.StateChanged, TotemEffect.PersistRingSeq,
        TotemEffect.TokenWarning {

    /** Send {@code message} to each node of {@code toNodeIds} (never this node). */
    record Send(List<Integer> toNodeIds, TotemMessage message) implements TotemEffect {

        /** Copies the destinations. */
        public Send {
            toNodeIds = List.copyOf(toNodeIds);
            Objects.requireNonNull(message, "message");
        }
    }

    /** Arm (or restart) timer {@code kind} to expire {@code delayMs} from now. */
    record SetTimer(TimerKind kind, long delayMs) implements TotemEffect {
    }

    /** Disarm timer {@code kind}, if armed. */
    record CancelTimer(TimerKind kind) implements TotemEffect {
    }

    /**
     * Hand {@code message} to the application: agreed or safe, in the total order, in the
     * configuration most recently delivered by a {@link ConfigurationChange}.
     */
    record Deliver(OrderedMessage message) implements TotemEffect {
    }

    /**
     * A configuration change, in extended virtual synchrony order (corosync.md section 1,
     * "Entering OPERATIONAL"): first the TRANSITIONAL configuration (the members coming with me
     * from my old ring; {@code left} = old members that did not, {@code joined} empty), then,
     * after the old ring's last messages, the REGULAR configuration of the new ring
     * ({@code joined} = members not in the transitional configuration; {@code left} = members of
     * my previous regular configuration not in this one). Both carry the new ring's id.
     */
    record ConfigurationChange(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                               List<Integer> joined) implements TotemEffect {

        /** Copies the lists. */
        public ConfigurationChange {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(ringId, "ringId");
            members = List.copyOf(members);
            left = List.copyOf(left);
            joined = List.copyOf(joined);
        }
    }

    /**
     * No regular token arrived for {@code waitedMs} ({@code token_warning} % of the token timeout
     * {@code tokenMs}) while OPERATIONAL: log a warning; the ring re-forms if none comes in time.
     */
    record TokenWarning(long waitedMs, long tokenMs) implements TotemEffect {
    }

    /** Membership went from {@code from} to {@code to} for {@code reason} (log it, count it). */
    record StateChanged(MembershipState from, MembershipState to, TransitionReason reason) implements TotemEffect {
    }

    /**
     * Persist {@code ringSeq} (the ring this node committed to) in the state directory, so that
     * a restarted node never reuses a ring id; done before the commit token is forwarded.
     */
    record PersistRingSeq(long ringSeq) implements TotemEffect {
    }
}
