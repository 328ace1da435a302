package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.node.ProcessIdentity;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what {@link PeerCredentials} relies on: the JDK's Unix principals give their numeric id
 * as {@code hashCode()}, for users with and without a name, and a real connection's
 * SO_PEERCRED gives this process's uid and gid.
 */
class PeerCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionCarriesThisProcesssUidAndGid() throws Exception {
        Path path = dir.resolve("peer.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = server.accept()) {
                PeerCredentials peer = PeerCredentials.of(accepted);
                assertEquals(ProcessIdentity.uid(), peer.uid());
                assertEquals(ProcessIdentity.gid(), peer.gid());
            }
        }
    }

    @Test
    void jdkPrincipalsGiveTheirNumericIds() throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        assertEquals(0, PeerCredentials.id(lookup.lookupPrincipalByName("root")));
        assertEquals(0, PeerCredentials.id(lookup.lookupPrincipalByGroupName("root")));
        // no passwd entry: the JDK keeps the number as the name
        assertEquals(54321, PeerCredentials.id(lookup.lookupPrincipalByName("54321")));
    }

    @Test
    void otherPrincipalsAreRefused() {
        assertThrows(IOException.class, () -> PeerCredentials.id(() -> "mallory"));
    }
}
