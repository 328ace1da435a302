package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.security.Principal;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a Unix-domain socket: the uid and primary gid the kernel
 * recorded when the client connected ({@code SO_PEERCRED}; supplementary groups are not
 * part of it), with their names for log lines (the number when the name service has none).
 *
 * <p>Java 17 gives the credentials as {@link UnixDomainPrincipal} user and group principals
 * without a public accessor for the number. The JDK's Unix principals
 * ({@code sun.nio.fs.UnixUserPrincipals$User} and its subclass {@code $Group}) define
 * {@code hashCode()} as the uid or gid and compare by it; {@link #of} relies on that for
 * these classes only and refuses any other principal class, so a JDK that changed them
 * fails closed (every client refused) rather than open.
 * {@code PeerCredentialsTest} pins the behaviour.
 */
public record PeerCredentials(long uid, long gid, String user, String group) {

    /** The classes of the principals the JDK's Unix file system provider and SO_PEERCRED return. */
    static final Set<String> JDK_PRINCIPALS =
            Set.of("sun.nio.fs.UnixUserPrincipals$User", "sun.nio.fs.UnixUserPrincipals$Group");

    /** The credentials of the client connected on {@code channel}. */
    public static PeerCredentials of(SocketChannel channel) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new PeerCredentials(id(peer.user()), id(peer.group()), peer.user().getName(), peer.group().getName());
    }

    /** The numeric id of a JDK Unix user or group principal. */
    static long id(Principal principal) throws IOException {
        if (!JDK_PRINCIPALS.contains(principal.getClass().getName())) {
            throw new IOException("cannot read a numeric id from a " + principal.getClass().getName());
        }
        return Integer.toUnsignedLong(principal.hashCode());
    }
}
