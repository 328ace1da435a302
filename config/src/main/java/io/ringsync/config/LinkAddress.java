package io.ringsync.config;

import java.util.List;

import java.net.InetSocketAddress;

/**
 * One link address of a node: the host (an IP literal or a resolvable name) and the UDP port
 * on which that node receives frames for this link. Link numbers are positions in
 * {@link NodeEntry#links()}, as Corosync's {@code ring0_addr}..{@code ring7_addr}.
 */
public record LinkAddress(String host, int port) {

    /**
     * Whether the host is a loopback address by its literal form (127.0.0.0/8, ::1 or
     * localhost); no name is resolved.
     */
    public boolean isLoopback() {
        return host.startsWith("127.") || host.equals("::1") || host.equalsIgnoreCase("localhost");
    }

    /** Whether every link address of every node is on loopback: a cluster on one machine. */
    public static boolean allLoopback(List<NodeEntry> nodes) {
        return !nodes.isEmpty() && nodes.stream().flatMap(n -> n.links().stream()).allMatch(LinkAddress::isLoopback);
    }

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
