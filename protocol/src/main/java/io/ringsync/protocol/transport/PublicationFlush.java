package io.ringsync.protocol.transport;

import io.aeron.AeronCounters;
import io.aeron.ExclusivePublication;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.status.CountersReader;

/**
 * Waits, for a bounded time, until the media driver's sender has put on the wire everything
 * offered to each connected publication. In invoker mode the driver only sends while the
 * transport thread runs it, so closing right after the last offer would drop the frames still
 * queued, such as the leave a stopping node just sent (its peers would then wait for the token
 * timeout). The sender position is the driver's {@code snd-pos} counter of the publication.
 */
final class PublicationFlush {

    private static final long POLL_NS = 1_000_000;

    private PublicationFlush() {
    }

    /** True once every connected publication's sender position reached its publish position; false on timeout. */
    static boolean await(CountersReader counters, Collection<ExclusivePublication> publications, long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        Map<Long, Integer> senderPositions = senderPositionCounters(counters);
        while (!allSent(counters, publications, senderPositions)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        return true;
    }

    private static boolean allSent(CountersReader counters, Collection<ExclusivePublication> publications,
                                   Map<Long, Integer> senderPositions) {
        for (ExclusivePublication publication : publications) {
            Integer counterId = senderPositions.get(publication.registrationId());
            if (publication.isConnected() && counterId != null
                    && counters.getCounterValue(counterId) < publication.position()) {
                return false;
            }
        }
        return true;
    }

    /** Sender position counter ids by publication registration id (the counter key's first long). */
    private static Map<Long, Integer> senderPositionCounters(CountersReader counters) {
        Map<Long, Integer> ids = new HashMap<>();
        counters.forEach((counterId, typeId, key, label) -> {
            if (typeId == AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID) {
                ids.put(key.getLong(0), counterId);
            }
        });
        return ids;
    }
}
