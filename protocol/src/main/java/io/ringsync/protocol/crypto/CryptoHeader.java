package io.ringsync.protocol.crypto;

import java.nio.ByteBuffer;

/**
 * The clear-text header in front of every sealed frame, authenticated as the AEAD's
 * associated data, so changing any field makes the frame fail with
 * {@link Rejection#BAD_TAG}. Layout, big-endian, {@value #LENGTH} bytes:
 *
 * <pre>
 *  0  u8   version        {@value #VERSION}
 *  1  u8   cipher id      {@link CipherSuite#wireId()}
 *  2  u32  key id         {@link AuthKey#keyId()} of the key it was sealed with
 *  6  u32  sender node id
 * 10  i64  boot count     the sender's persisted start counter (newer sessions have higher ones)
 * 18  16B  session id     {@link SessionId} high then low
 * 34  i64  counter        1, 2, 3, ... per session; the low 64 bits of the nonce
 * </pre>
 *
 * The sealed frame is this header, then the ciphertext (as long as the plaintext), then the
 * {@value CipherSuite#TAG_BYTES}-byte tag.
 */
record CryptoHeader(int version, int cipherId, int keyId, int senderNodeId, long bootCount, SessionId session, long counter) {

    /** The only header version so far. */
    static final int VERSION = 1;
    /** Header length in bytes. */
    static final int LENGTH = 42;
    /** Offset of the sender node id in the header. */
    static final int SENDER_OFFSET = 6;

    /** Writes this header at {@code out[offset..offset+LENGTH)}. */
    void write(byte[] out, int offset) {
        ByteBuffer.wrap(out, offset, LENGTH)
                .put((byte) version)
                .put((byte) cipherId)
                .putInt(keyId)
                .putInt(senderNodeId)
                .putLong(bootCount)
                .putLong(session.high())
                .putLong(session.low())
                .putLong(counter);
    }

    /** Reads a header from {@code in[offset..offset+LENGTH)}; the caller has checked the length. */
    static CryptoHeader read(byte[] in, int offset) {
        ByteBuffer b = ByteBuffer.wrap(in, offset, LENGTH);
        int version = b.get() & 0xFF;
        int cipherId = b.get() & 0xFF;
        int keyId = b.getInt();
        int sender = b.getInt();
        long bootCount = b.getLong();
        SessionId session = new SessionId(b.getLong(), b.getLong());
        return new CryptoHeader(version, cipherId, keyId, sender, bootCount, session, b.getLong());
    }

    /** The 96-bit AEAD nonce of a counter: four zero bytes, then the counter big-endian. */
    static byte[] nonce(long counter) {
        return ByteBuffer.allocate(CipherSuite.NONCE_BYTES).putInt(0).putLong(counter).array();
    }
}
