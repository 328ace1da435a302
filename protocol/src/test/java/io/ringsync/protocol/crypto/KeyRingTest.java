package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyRing}'s rollover steps and how {@link FrameCrypto} follows them: a key is opened only
 * once accepted, a committed node seals with the new key, a retired key is refused, an aborted
 * prepare is undone, and a later rollover's prepare replaces a key still accepted from the last one.
 */
class KeyRingTest {

    private static final byte[] FRAME = "a totem frame".getBytes(StandardCharsets.UTF_8);

    private static FrameKeys keys(long seed) {
        return CryptoFixtures.keys(seed);
    }

    private static FrameCrypto crypto(KeyRing ring, int nodeId) {
        return FrameCrypto.of(ring, nodeId, 1, new SecureRandom());
    }

    private static OpenResult sendTo(FrameCrypto from, FrameCrypto to) {
        return to.open(from.seal(FRAME, 0, FRAME.length), 0, FRAME.length + from.overhead());
    }

    @Test
    void aRolloverSwitchesSealingOnlyOnceTheKeyIsAcceptedAndRetiresTheOldKey() {
        FrameKeys a = keys(1);
        FrameKeys b = keys(2);
        KeyRing ring1 = KeyRing.of(CipherSuite.AES_256_GCM, a);
        KeyRing ring2 = KeyRing.of(CipherSuite.AES_256_GCM, a);
        FrameCrypto one = crypto(ring1, 1);
        FrameCrypto two = crypto(ring2, 2);
        assertArrayEquals(FRAME, CryptoFixtures.plaintext(sendTo(one, two)));

        ring1.commit(b);
        assertEquals(Rejection.UNKNOWN_KEY, sendTo(one, two), "node 2 does not accept b yet");

        ring2.prepare(b);
        assertEquals(List.of(a, b), ring2.keys().accepted());
        OpenResult.Opened opened = (OpenResult.Opened) sendTo(one, two);
        assertEquals(b.keyId(), opened.keyId());
        assertEquals(a.keyId(), ((OpenResult.Opened) sendTo(two, one)).keyId(), "node 2 still seals with a");

        ring2.commit(b);
        assertEquals(List.of(b, a), ring2.keys().accepted());
        assertEquals(b.keyId(), ((OpenResult.Opened) sendTo(two, one)).keyId());

        ring1.retire(b.keyId());
        assertEquals(List.of(b), ring1.keys().accepted());
        FrameCrypto stale = crypto(KeyRing.of(CipherSuite.AES_256_GCM, a), 3);
        assertEquals(Rejection.UNKNOWN_KEY, sendTo(stale, one), "the retired key is refused");
        assertInstanceOf(OpenResult.Opened.class, sendTo(stale, two), "node 2 has not retired a yet");
    }

    @Test
    void abortUndoesAPrepareAndRetireIgnoresAReplacedKey() {
        FrameKeys a = keys(1);
        FrameKeys b = keys(2);
        FrameKeys c = keys(3);
        KeyRing ring = KeyRing.of(CipherSuite.AES_256_GCM, a);
        long version = ring.keys().version();

        ring.prepare(a);
        assertEquals(version, ring.keys().version(), "preparing the sealing key changes nothing");
        ring.prepare(b);
        ring.abort(b);
        assertEquals(List.of(a), ring.keys().accepted());
        assertEquals(a, ring.keys().sealing());

        ring.prepare(b);
        ring.commit(b);
        ring.prepare(c);
        assertEquals(List.of(b, c), ring.keys().accepted(), "a new prepare replaces the old key still accepted");
        ring.commit(c);
        ring.retire(b.keyId());
        assertEquals(List.of(c, b), ring.keys().accepted(), "b's retire came after c replaced it: ignored");
        ring.retire(c.keyId());
        assertEquals(List.of(c), ring.keys().accepted());
    }

    @Test
    void aKeyOfAnotherClusterIsRefused() {
        KeyRing ring = KeyRing.of(CipherSuite.AES_256_GCM, keys(1));
        assertThrows(IllegalArgumentException.class, () -> ring.prepare(FrameKeys.derive(CryptoFixtures.authKey(2), "other")));
        assertThrows(IllegalArgumentException.class, () -> ring.commit(FrameKeys.derive(CryptoFixtures.authKey(2), "other")));
    }
}
