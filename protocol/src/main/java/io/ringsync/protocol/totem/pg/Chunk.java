package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.totem.Delivery;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Totem message's payload as built by {@link PackingQueue}: bytes in {@link ChunkFormat}
 * holding whole application messages and/or one fragment of a larger one, all sent with the
 * same delivery guarantee. The bytes are handed over, not copied, as in
 * {@link io.ringsync.protocol.totem.OrderedMessage}: nobody changes them once the chunk is built.
 *
 * @param delivery the guarantee Totem must give every message in the chunk
 * @param bytes    the encoded chunk (handed over: never changed afterwards)
 */
public record Chunk(Delivery delivery, byte[] bytes) {

    /** Checks non-null parts; takes the array as it is. */
    public Chunk {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The encoded length. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chunk c && delivery == c.delivery && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * delivery.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Chunk[" + delivery + " " + bytes.length + "B]";
    }
}
