package io.ringsync.protocol.crypto;

import static io.ringsync.protocol.crypto.CryptoFixtures.authKey;
import static io.ringsync.protocol.crypto.CryptoFixtures.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameKeysTest {

    private static final CipherSuite GCM = CipherSuite.AES_256_GCM;

    @Test
    void derivationFollowsTheDocumentedScheme() {
        AuthKey key = authKey(1);
        byte[] master = Hkdf.extract("ringsync-v1".getBytes(StandardCharsets.US_ASCII), key.material());
        int infoLength = 18 + 1 + 2 + 5 + 1 + 10 + 4 + 8 + 16 + 8;
        byte[] info = ByteBuffer.allocate(infoLength)
                .put("ringsync frame key".getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                .putShort((short) 5).put("alpha".getBytes(StandardCharsets.UTF_8))
                .put((byte) 10).put("aes256-gcm".getBytes(StandardCharsets.US_ASCII))
                .putInt(7).putLong(3).putLong(0x0102030405060708L).putLong(0x1112131415161718L).putLong(0)
                .array();
        byte[] expected = Hkdf.expand(master, info, 32);
        byte[] actual = FrameKeys.derive(key, "alpha")
                .frameKey(GCM, 7, 3, new SessionId(0x0102030405060708L, 0x1112131415161718L), 0).getEncoded();
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
    }

    @Test
    void everyBoundInputChangesTheKey() {
        FrameKeys alpha = FrameKeys.derive(authKey(1), "alpha");
        List<byte[]> variants = List.of(
                alpha.frameKey(GCM, 1, 1, session(1), 0).getEncoded(),
                FrameKeys.derive(authKey(2), "alpha").frameKey(GCM, 1, 1, session(1), 0).getEncoded(),
                FrameKeys.derive(authKey(1), "beta").frameKey(GCM, 1, 1, session(1), 0).getEncoded(),
                alpha.frameKey(CipherSuite.CHACHA20_POLY1305, 1, 1, session(1), 0).getEncoded(),
                alpha.frameKey(GCM, 2, 1, session(1), 0).getEncoded(),
                alpha.frameKey(GCM, 1, 2, session(1), 0).getEncoded(),
                alpha.frameKey(GCM, 1, 1, session(2), 0).getEncoded(),
                alpha.frameKey(GCM, 1, 1, session(1), 1).getEncoded());
        Set<String> distinct = new HashSet<>();
        variants.forEach(v -> distinct.add(HexFormat.of().formatHex(v)));
        assertEquals(variants.size(), distinct.size());
        variants.forEach(v -> assertEquals(CipherSuite.KEY_BYTES, v.length));
    }

    @Test
    void derivationIsDeterministicAcrossNodes() {
        byte[] a = FrameKeys.derive(authKey(9), "alpha").frameKey(GCM, 4, 2, session(5), 3).getEncoded();
        byte[] b = FrameKeys.derive(authKey(9), "alpha").frameKey(GCM, 4, 2, session(5), 3).getEncoded();
        assertArrayEquals(a, b);
    }

    @Test
    void epochChangesEvery2To24Counters() {
        assertEquals(0, FrameKeys.epoch(1));
        assertEquals(0, FrameKeys.epoch((1L << 24) - 1));
        assertEquals(1, FrameKeys.epoch(1L << 24));
        assertEquals((1L << 39) - 1, FrameKeys.epoch(Long.MAX_VALUE));
    }

    @Test
    void toStringShowsIdAndClusterOnly() {
        FrameKeys keys = FrameKeys.derive(authKey(1), "alpha");
        assertEquals("FrameKeys[key " + authKey(1).keyIdHex() + ", cluster alpha]", keys.toString());
        assertFalse(keys.toString().contains("master"));
    }
}
