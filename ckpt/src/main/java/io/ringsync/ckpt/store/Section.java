package io.ringsync.ckpt.store;

import java.util.Arrays;

/** One section of a {@link Checkpoint}: its id, expiration and bytes. Mutable, owned by its checkpoint. */
final class Section {

    private final SectionId id;
    private long expirationNs;
    private byte[] data;

    Section(SectionId id, long expirationNs, byte[] data) {
        this.id = id;
        this.expirationNs = expirationNs;
        this.data = data;
    }

    SectionId id() {
        return id;
    }

    long expirationNs() {
        return expirationNs;
    }

    void expirationNs(long expirationNs) {
        this.expirationNs = expirationNs;
    }

    long size() {
        return data.length;
    }

    /** Bytes this section takes against the store's limit: data and id. */
    long footprint() {
        return data.length + (long) id.length();
    }

    /** Writes {@code bytes} at {@code offset} (at most the size, checked by the caller), growing the section. */
    void write(int offset, byte[] bytes) {
        int end = offset + bytes.length;
        if (end > data.length) {
            data = Arrays.copyOf(data, end);
        }
        System.arraycopy(bytes, 0, data, offset, bytes.length);
    }

    void replace(byte[] bytes) {
        data = bytes.clone();
    }

    byte[] read(int offset, int length) {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    byte[] data() {
        return data.clone();
    }

    SectionDescriptor descriptor() {
        return new SectionDescriptor(id, expirationNs, data.length);
    }
}
