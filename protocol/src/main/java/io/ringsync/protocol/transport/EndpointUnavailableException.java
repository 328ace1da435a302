package io.ringsync.protocol.transport;

import io.ringsync.config.LinkAddress;

/**
 * This node's own link address cannot be opened for receiving: the address is not on this host,
 * the host name does not resolve, or another socket holds the UDP port (Corosync: "the network
 * interface is down"). The {@link TransportActor} answers it by running without a transport and
 * trying again every {@code totem.downcheck} ms ({@link EndpointDowncheck}). Thrown without a
 * stack trace: the one-line message (link, address, the operating system's reason) is all an
 * operator needs.
 */
public final class EndpointUnavailableException extends RuntimeException {

    private final String endpoint;
    private final String reason;

    /** Link {@code linkNumber}'s {@code address} cannot be bound, for {@code reason}. */
    EndpointUnavailableException(int linkNumber, LinkAddress address, String reason) {
        super("cannot open " + endpoint(linkNumber, address) + ": " + reason, null, false, false);
        this.endpoint = endpoint(linkNumber, address);
        this.reason = reason;
    }

    private static String endpoint(int linkNumber, LinkAddress address) {
        return address.hostPort() + " (link " + linkNumber + ")";
    }

    /** The address and link, e.g. {@code 127.0.0.1:5405 (link 0)}. */
    public String endpoint() {
        return endpoint;
    }

    /** The operating system's reason, e.g. {@code Address already in use}. */
    public String reason() {
        return reason;
    }
}
