package io.ringsync.config;

import java.net.InetSocketAddress;

/**
 * One link address of a node: the host (an IP literal or a resolvable name) and the UDP port
 * on which that node receives frames for this link. Link numbers are positions in
 * {@link NodeEntry#links()}, as Corosync's {@code ring0_addr}..{@code ring7_addr}.
 */
public record LinkAddress(String host, int port) {

    /** {@code host:port}, the form used in config files and tool output. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The socket address, resolving the host now. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return hostPort();
    }
}
