package io.ringsync.protocol.totem;

/**
 * Where {@link OrderingCore} takes the messages it originates on a token visit (token receipt
 * step 6). The Totem core chooses the source per state: the recovery queue in RECOVERY, the
 * service-sync and application queues in OPERATIONAL.
 */
public interface OriginateSource {

    /** Messages waiting here: this node's contribution to the token's backlog (flow control). */
    int backlog();

    /** The next message to originate, removed from the source; null when there is none. */
    Outgoing poll();

    /** A source with nothing to send. */
    OriginateSource EMPTY = new OriginateSource() {
        @Override
        public int backlog() {
            return 0;
        }

        @Override
        public Outgoing poll() {
            return null;
        }
    };
}
