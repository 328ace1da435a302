package io.ringsync.protocol.crypto;

import java.util.List;
import java.util.Random;

/** Keys, sealers and openers built from seeded bytes, shared by the crypto tests. */
final class CryptoFixtures {

    static final String CLUSTER = "alpha";

    private CryptoFixtures() {
    }

    /** A 256-byte authkey whose bytes come from {@code seed}. */
    static AuthKey authKey(long seed) {
        byte[] bytes = new byte[256];
        new Random(seed).nextBytes(bytes);
        try {
            return AuthKey.of("seed-" + seed, bytes);
        } catch (AuthKeyException e) {
            throw new AssertionError(e);
        }
    }

    static FrameKeys keys(long seed) {
        return FrameKeys.derive(authKey(seed), CLUSTER);
    }

    static SessionId session(long n) {
        return new SessionId(0x5E55_1000L + n, ~n);
    }

    /** A sealer of node {@code nodeId} with a fixed session, starting at counter 1. */
    static FrameSealer sealer(CipherSuite suite, FrameKeys keys, int nodeId, long bootCount, SessionId session) {
        return new FrameSealer(suite, keys, nodeId, bootCount, session, 0);
    }

    static FrameSealer sealer(FrameKeys keys, int nodeId, long bootCount) {
        return sealer(CipherSuite.AES_256_GCM, keys, nodeId, bootCount, session(bootCount));
    }

    static FrameOpener opener(FrameKeys... keys) {
        return new FrameOpener(CipherSuite.AES_256_GCM, List.of(keys));
    }

    /** The plaintext of an opened frame, failing the test with the rejection otherwise. */
    static byte[] plaintext(OpenResult result) {
        if (result instanceof OpenResult.Opened opened) {
            return opened.plaintext();
        }
        throw new AssertionError("expected an opened frame, got " + result);
    }
}
