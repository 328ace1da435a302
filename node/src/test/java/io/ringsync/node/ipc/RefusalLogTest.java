package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refused uid is logged once, then with a count at most once per interval; the table is bounded. */
class RefusalLogTest {

    private static final long S = 1_000_000_000L;
    private static final String REASON = "access denied: uid 65534 is not allowed by system.ipc_allowed_uids on node 1";

    private final RefusalLog log = new RefusalLog(10 * S, 2);

    private static PeerCredentials peer(long uid) {
        return new PeerCredentials(uid, uid, "user" + uid, "group" + uid);
    }

    @Test
    void firstRefusalIsLoggedAtOnceThenCountedPerInterval() {
        assertEquals(Optional.of("IPC: refused a client, user user65534 group group65534: " + REASON
                + "; further refusals of uid 65534 are logged with a count"), log.record(peer(65534), REASON, 0));
        for (int i = 1; i <= 50; i++) {
            assertEquals(Optional.empty(), log.record(peer(65534), REASON, i * S / 10), "refusal " + i);
        }
        assertEquals(Optional.of("IPC: refused 51 more connections of uid 65534 in the last 10.0 s"),
                log.record(peer(65534), REASON, 10 * S));
        assertEquals(Optional.empty(), log.record(peer(65534), REASON, 11 * S));
        assertEquals(List.of("IPC: refused 1 more connection of uid 65534 in the last 2.0 s"), log.flush(12 * S));
        assertEquals(List.of(), log.flush(13 * S));
    }

    @Test
    void uidsBeyondTheTableAreCountedTogether() {
        assertTrue(log.record(peer(1), REASON, 0).isPresent());
        assertTrue(log.record(peer(2), REASON, 0).isPresent());
        assertTrue(log.record(peer(3), REASON, 0).orElseThrow().contains("further refusals of other uids"));
        assertEquals(Optional.empty(), log.record(peer(4), REASON, S));
        assertEquals(List.of("IPC: refused 1 more connection of other uids in the last 1.0 s"), log.flush(S));
    }
}
