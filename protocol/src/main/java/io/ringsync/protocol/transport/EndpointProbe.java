package io.ringsync.protocol.transport;

import io.ringsync.config.LinkAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;

/**
 * Checks, before the media driver starts, that every own link address can be bound for UDP: a
 * datagram channel is bound to it and closed at once. This is how a node that waits for its
 * endpoint tries again every {@code totem.downcheck} without starting and stopping an Aeron
 * driver each time (the driver fills a multi-megabyte cnc file at start). Aeron binds its own
 * receive socket the same way (unicast, no SO_REUSEADDR), so what binds here binds there; a
 * socket that takes the port between the two is still caught by {@link AeronTransport}.
 */
final class EndpointProbe {

    private EndpointProbe() {
    }

    /**
     * Binds and releases each of {@code ownLinks} in link order.
     *
     * @throws EndpointUnavailableException for the first that cannot be bound
     */
    static void check(List<LinkAddress> ownLinks) {
        for (int link = 0; link < ownLinks.size(); link++) {
            LinkAddress address = ownLinks.get(link);
            InetSocketAddress socketAddress = address.toSocketAddress();
            if (socketAddress.isUnresolved()) {
                throw new EndpointUnavailableException(link, address, "the host name does not resolve");
            }
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.bind(socketAddress);
            } catch (IOException | UnresolvedAddressException e) {
                throw new EndpointUnavailableException(link, address, reasonOf(e));
            }
        }
    }

    /** The operating system's words ("Address already in use"), else the exception's type. */
    static String reasonOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
