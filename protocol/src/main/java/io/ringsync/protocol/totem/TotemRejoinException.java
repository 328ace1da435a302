package io.ringsync.protocol.totem;

/**
 * Thrown by the Totem actor on purpose when told to {@link TotemActor.Rejoin}: its supervisor
 * restarts it, so the node leaves its ring and forms a new one.
 */
public final class TotemRejoinException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rejoin asked for {@code reason}. */
    public TotemRejoinException(String reason) {
        super("rejoining the cluster: " + reason);
    }
}
