package io.ringsync.protocol.transport;

/**
 * Whether a node's transport has its own endpoint open (see {@link EndpointDowncheck}).
 *
 * @param open          the own link addresses are bound and the transport runs
 * @param openFailures  failed attempts to open them, over the life of the transport actor (restarts included)
 * @param framesDropped frames asked to be sent while the endpoint was not open, dropped
 * @param lastFailure   the latest failure, e.g. {@code 127.0.0.1:5405 (link 0): Address already in use};
 *                      empty when opening never failed
 */
public record EndpointStatus(boolean open, long openFailures, long framesDropped, String lastFailure) {

    /** An endpoint opened at the first attempt: what a transport used without a transport actor reports. */
    public static final EndpointStatus OPENED = new EndpointStatus(true, 0, 0, "");
}
