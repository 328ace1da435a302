package io.ringsync.protocol.totem.recovery;

import io.ringsync.protocol.totem.OrderedMessage;
import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Objects;

/**
 * One step of the delivery sequence on entering OPERATIONAL ({@link EvsDelivery}): an old-ring
 * message, or a configuration change. Both configurations carry the new ring's id, as
 * Corosync's configuration-change callbacks do; member lists are sorted node ids.
 */
public sealed interface EvsEvent permits EvsEvent.Deliver, EvsEvent.TransitionalConfiguration,
        EvsEvent.RegularConfiguration {

    /** Deliver {@code message} of the old ring to the application. */
    record Deliver(OrderedMessage message) implements EvsEvent {

        /** Checks the message is present. */
        public Deliver {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The transitional configuration: the members that come from this node's old ring into
     * {@code newRingId} ({@code members}), and the old members that did not ({@code left}).
     */
    record TransitionalConfiguration(RingId newRingId, List<Integer> members, List<Integer> left) implements EvsEvent {

        /** Copies the lists. */
        public TransitionalConfiguration {
            Objects.requireNonNull(newRingId, "newRingId");
            members = List.copyOf(members);
            left = List.copyOf(left);
        }
    }

    /**
     * The regular configuration of {@code newRingId}: all its {@code members}, and those that
     * were not in the transitional configuration ({@code joined}).
     */
    record RegularConfiguration(RingId newRingId, List<Integer> members, List<Integer> joined) implements EvsEvent {

        /** Copies the lists. */
        public RegularConfiguration {
            Objects.requireNonNull(newRingId, "newRingId");
            members = List.copyOf(members);
            joined = List.copyOf(joined);
        }
    }
}
