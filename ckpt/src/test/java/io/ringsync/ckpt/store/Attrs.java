package io.ringsync.ckpt.store;

import java.util.Optional;

/** Creation attributes for tests. */
final class Attrs {

    private Attrs() {
    }

    /** All replicas, 10 sections of 100 bytes, 1000 bytes in all, ids up to 16 bytes, retention {@code retentionNs}. */
    static CreationAttributes allReplicas(long retentionNs) {
        return new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 1000, retentionNs, 10, 100, 16);
    }

    static CreationAttributes allReplicas() {
        return allReplicas(Times.END);
    }

    /** As {@link #allReplicas()} with one (default) section. */
    static CreationAttributes singleSection() {
        return new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 100, Times.END, 1, 100, 0);
    }

    static Optional<CreationAttributes> some(CreationAttributes attributes) {
        return Optional.of(attributes);
    }

    static final OpenFlags READ_WRITE_CREATE = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE | OpenFlags.CREATE);
    static final OpenFlags READ_WRITE = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE);
}
