package io.ringsync.protocol.crypto;

import static io.ringsync.protocol.crypto.CryptoFixtures.keys;
import static io.ringsync.protocol.crypto.CryptoFixtures.sealer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The opener never throws and never opens a frame that was cut, changed or made up. */
class FrameRobustnessTest {

    private static final Set<Rejection> FRESHNESS =
            Set.of(Rejection.REPLAYED, Rejection.STALE_SESSION, Rejection.SESSION_CONFLICT);

    private final FrameOpener opener = CryptoFixtures.opener(keys(1));
    private final byte[] plaintext = "a totem token, say".getBytes(StandardCharsets.UTF_8);
    private final byte[] sealed = sealer(keys(1), 2, 1).seal(plaintext);

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < sealed.length; length++) {
            OpenResult result = opener.open(Arrays.copyOf(sealed, length));
            assertEquals(length < FrameSealer.OVERHEAD ? Rejection.TRUNCATED : Rejection.BAD_TAG, result, "length " + length);
        }
        assertArrayEquals(plaintext, CryptoFixtures.plaintext(opener.open(sealed)), "the whole frame still opens");
    }

    @Test
    void everyFlippedBitIsRejected() {
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(expectedForFlipAt(bit / 8), opener.open(tampered), "bit " + bit);
        }
        assertArrayEquals(plaintext, CryptoFixtures.plaintext(opener.open(sealed)), "the original still opens");
    }

    /** Flips in version, cipher and key id are caught before authentication; all others by it. */
    private static Rejection expectedForFlipAt(int offset) {
        if (offset == 0) {
            return Rejection.UNSUPPORTED_VERSION;
        }
        if (offset == 1) {
            return Rejection.UNKNOWN_CIPHER;
        }
        return offset < 6 ? Rejection.UNKNOWN_KEY : Rejection.BAD_TAG;
    }

    @Test
    void seededGarbageIsRejectedWithoutAnException() {
        Random random = new Random(20_240_601);
        Map<Rejection, Integer> seen = new EnumMap<>(Rejection.class);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            boolean plausible = i % 2 == 0 && garbage.length >= FrameSealer.OVERHEAD;
            if (plausible) {
                plausibleHeader(garbage, random);
            }
            Rejection rejection = assertInstanceOf(Rejection.class, opener.open(garbage), "input " + i);
            if (plausible) {
                assertEquals(Rejection.BAD_TAG, rejection, "input " + i);
            }
            seen.merge(rejection, 1, Integer::sum);
        }
        assertTrue(seen.keySet().stream().noneMatch(FRESHNESS::contains), "only authentic frames are judged fresh or not");
        assertTrue(seen.get(Rejection.BAD_TAG) > 5_000 && seen.get(Rejection.TRUNCATED) > 1_000, seen.toString());
    }

    @Test
    void garbageBehindACapturedHeaderIsRejected() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] forged = new byte[CryptoHeader.LENGTH + random.nextInt(100)];
            random.nextBytes(forged);
            System.arraycopy(sealed, 0, forged, 0, CryptoHeader.LENGTH);
            assertEquals(forged.length < FrameSealer.OVERHEAD ? Rejection.TRUNCATED : Rejection.BAD_TAG,
                    opener.open(forged), "forgery " + i);
        }
    }

    /** Version, cipher and key id right, the rest (node, session, counter, body, tag) random. */
    private static void plausibleHeader(byte[] frame, Random random) {
        ByteBuffer.wrap(frame).put((byte) CryptoHeader.VERSION).put((byte) CipherSuite.AES_256_GCM.wireId())
                .putInt(keys(1).keyId()).putInt(random.nextInt(4));
    }
}
