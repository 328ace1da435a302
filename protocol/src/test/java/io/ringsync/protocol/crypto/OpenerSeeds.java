package io.ringsync.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The seed corpus of {@link FrameOpenerFuzzTest}: frames sealed by the project's
 * {@link FrameSealer} (one that opens, and one for each check that rejects before
 * authentication or by it) and, for the session target, a few seeded random inputs, which
 * the fuzzed-data provider turns into a sequence of seals, replays, changes and junk.
 */
final class OpenerSeeds {

    private OpenerSeeds() {
    }

    /** A seed and what opening it with key 1 must give: "opened" or a rejection's name. */
    record Seed(byte[] bytes, String outcome) {
    }

    static Map<String, Seed> openSeeds() {
        byte[] plaintext = "a link ping, say".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = sealer(CipherSuite.AES_256_GCM, CryptoFixtures.keys(1)).seal(plaintext);
        Map<String, Seed> seeds = new LinkedHashMap<>();
        seeds.put("opens-aes256-gcm", new Seed(sealed, "opened"));
        seeds.put("opens-empty-plaintext",
                new Seed(sealer(CipherSuite.AES_256_GCM, CryptoFixtures.keys(1)).seal(new byte[0]), "opened"));
        seeds.put("reject-truncated", new Seed(Arrays.copyOf(sealed, FrameSealer.OVERHEAD - 1), "TRUNCATED"));
        byte[] version = sealed.clone();
        version[0] = 2;
        seeds.put("reject-unsupported-version", new Seed(version, "UNSUPPORTED_VERSION"));
        seeds.put("reject-other-cipher", new Seed(
                sealer(CipherSuite.CHACHA20_POLY1305, CryptoFixtures.keys(1)).seal(plaintext), "UNKNOWN_CIPHER"));
        seeds.put("reject-other-key", new Seed(
                sealer(CipherSuite.AES_256_GCM, CryptoFixtures.keys(2)).seal(plaintext), "UNKNOWN_KEY"));
        byte[] tag = sealed.clone();
        tag[tag.length - 1] ^= 1;
        seeds.put("reject-bad-tag", new Seed(tag, "BAD_TAG"));
        return seeds;
    }

    static Map<String, byte[]> sessionSeeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Random random = new Random(20_261_130);
        for (int i = 1; i <= 4; i++) {
            byte[] bytes = new byte[128 * i];
            random.nextBytes(bytes);
            seeds.put("random-" + i, bytes);
        }
        return seeds;
    }

    private static FrameSealer sealer(CipherSuite suite, FrameKeys keys) {
        return CryptoFixtures.sealer(suite, keys, 2, 1, CryptoFixtures.session(1));
    }
}
