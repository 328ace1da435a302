package io.ringsync.protocol.wire;

import java.nio.charset.StandardCharsets;

/**
 * The 32-bit cluster hash carried in every frame header, so that frames of another cluster
 * sharing ports or addresses are dropped ({@link DropReason#FOREIGN_CLUSTER}).
 *
 * <p>The hash is 32-bit FNV-1a (offset basis 0x811C9DC5, prime 0x01000193) over the UTF-8
 * bytes of the cluster name. It is stable across versions and platforms: changing it breaks
 * rolling upgrades. It is an identity check against misconfiguration, not an authenticator;
 * frame crypto is what rejects hostile frames.
 */
public final class ClusterHash {

    private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private ClusterHash() {
    }

    /** The FNV-1a hash of {@code clusterName}'s UTF-8 bytes, as an int (the wire's uint32). */
    public static int of(String clusterName) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : clusterName.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
