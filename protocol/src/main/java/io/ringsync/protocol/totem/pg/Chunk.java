package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.totem.Delivery;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Totem message's payload as built by {@link PackingQueue}: bytes in {@link ChunkFormat}
 * holding whole application messages and/or one fragment of a larger one, all sent with the
 * same delivery guarantee. The bytes are copied on the way in and on the way out, so an
 * instance is immutable, like {@link io.ringsync.protocol.totem.OrderedMessage}.
 *
 * @param delivery the guarantee Totem must give every message in the chunk
 * @param bytes    the encoded chunk (copied)
 */
public record Chunk(Delivery delivery, byte[] bytes) {

    /** Copies the bytes and checks non-null parts. */
    public Chunk {
        Objects.requireNonNull(delivery, "delivery");
        bytes = bytes.clone();
    }

    /** A copy of the encoded chunk. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The encoded length, without copying. */
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
