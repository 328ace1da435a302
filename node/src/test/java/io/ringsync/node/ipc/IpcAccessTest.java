package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.config.SystemSettings;
import io.ringsync.node.ProcessIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who {@link IpcAccess} lets in, and what a refused client is told. */
class IpcAccessTest {

    private static final Path RUN = Path.of("/run/unused");

    private static SystemSettings allowing(List<Long> uids, List<Long> gids) {
        return new SystemSettings(RUN, RUN, RUN.resolve("s.sock"), 0600, uids, gids);
    }

    private static PeerCredentials peer(long uid, long gid) {
        return new PeerCredentials(uid, gid, "user" + uid, "group" + gid);
    }

    @Test
    void rootAndTheNodesOwnUidAreAlwaysAllowed() {
        IpcAccess access = IpcAccess.of(allowing(List.of(), List.of()), 1);
        assertEquals(Optional.empty(), access.refusal(peer(0, 4242)));
        assertEquals(Optional.empty(), access.refusal(peer(ProcessIdentity.uid(), 4242)));
    }

    @Test
    void othersAreRefusedNamingTheUidTheKeyAndTheNode() {
        IpcAccess access = IpcAccess.of(allowing(List.of(1000L), List.of()), 3);
        assertEquals(Optional.empty(), access.refusal(peer(1000, 1000)));
        assertEquals(Optional.of("access denied: uid 65534 is not allowed by system.ipc_allowed_uids on node 3"),
                access.refusal(peer(65534, 65534)));
    }

    @Test
    void anAllowedPrimaryGroupLetsAnyUidIn() {
        IpcAccess access = IpcAccess.of(allowing(List.of(), List.of(27L, 4294967294L)), 1);
        assertEquals(Optional.empty(), access.refusal(peer(5000, 27)));
        assertEquals(Optional.empty(), access.refusal(peer(5000, 4294967294L)));
        assertEquals(Optional.of("access denied: uid 5000 (gid 28) is not allowed by system.ipc_allowed_uids or"
                + " system.ipc_allowed_gids on node 1"), access.refusal(peer(5000, 28)));
    }

    @Test
    void exactSetsCanRefuseRootForTests() {
        IpcAccess access = new IpcAccess(Set.of(7L), Set.of(), 2);
        assertEquals(Optional.of("access denied: uid 0 is not allowed by system.ipc_allowed_uids on node 2"),
                access.refusal(peer(0, 0)));
        assertEquals("uids [7]", access.toString());
    }
}
