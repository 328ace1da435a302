package io.ringsync.protocol.totem;

/**
 * Which deliveries a Totem subscriber gets (configuration changes go to every subscriber): all
 * of them, or those whose payload starts with one tag byte (a service's id, see
 * {@code io.ringsync.protocol.service.ServiceEnvelope}), so that each service's actor is not
 * handed, and does not copy, every other service's and application's messages.
 *
 * @param tag the first payload byte to match, {@link #ANY_TAG} for every delivery, {@link #NO_TAG} for none
 */
public record DeliveryFilter(int tag) {

    /** {@link #tag} of the filter that passes every delivery. */
    public static final int ANY_TAG = -1;

    /** {@link #tag} of the filter that passes no delivery (configuration changes only): no byte equals it. */
    public static final int NO_TAG = Integer.MIN_VALUE;

    /** Every delivery. */
    public static final DeliveryFilter ALL = new DeliveryFilter(ANY_TAG);

    /** No delivery: a subscriber that wants configuration changes only. */
    public static final DeliveryFilter NONE = new DeliveryFilter(NO_TAG);

    /** Checks the tag is a byte value, {@link #ANY_TAG} or {@link #NO_TAG}. */
    public DeliveryFilter {
        if (tag != ANY_TAG && tag != NO_TAG && (tag < Byte.MIN_VALUE || tag > Byte.MAX_VALUE)) {
            throw new IllegalArgumentException("a delivery filter's tag is a byte value, got " + tag);
        }
    }

    /** Deliveries whose payload starts with {@code tag}. */
    public static DeliveryFilter tagged(byte tag) {
        return new DeliveryFilter(tag);
    }

    /** Whether a delivery of {@code payload} passes. */
    public boolean accepts(byte[] payload) {
        return tag == ANY_TAG || (tag != NO_TAG && payload.length > 0 && payload[0] == tag);
    }
}
