package io.ringsync.protocol.totem;

/**
 * What {@link OrderingCore} asks its driver to do, in the order returned: retransmissions and
 * new multicasts, then the token forward, then deliveries (token receipt step 9: deliver after
 * sending, so the ring is not slowed by the application).
 */
public sealed interface OrderingEffect permits OrderingEffect.Multicast, OrderingEffect.Retransmit,
        OrderingEffect.ForwardToken, OrderingEffect.Deliver, OrderingEffect.FailedToReceive {

    /** Multicast a newly originated {@code message} to every other member. */
    record Multicast(OrderedMessage message) implements OrderingEffect {
    }

    /** Multicast {@code message} again: some member listed its seq in the token's rtr list. */
    record Retransmit(OrderedMessage message) implements OrderingEffect {
    }

    /** Unicast {@code token} to the successor {@code toNodeId}. */
    record ForwardToken(int toNodeId, RegularToken token) implements OrderingEffect {
    }

    /** Hand {@code message} to the application, in this total order. */
    record Deliver(OrderedMessage message) implements OrderingEffect {
    }

    /**
     * Corosync's "FAILED TO RECEIVE": the token's aru stayed at {@code aru} with this node as
     * its holder for more than {@code visits} − 1 visits (fail_recv_const). Corosync marks itself
     * failed and enters GATHER; the token was not forwarded. Membership acts on it (not yet built).
     */
    record FailedToReceive(long aru, int visits) implements OrderingEffect {
    }
}
