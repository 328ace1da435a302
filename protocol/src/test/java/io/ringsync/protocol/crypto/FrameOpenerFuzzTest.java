package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringsync.protocol.SeedCorpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link FrameOpener#open}. {@link #open} feeds it arbitrary bytes: the result is an
 * {@link OpenResult}, never an exception, and an opened frame's plaintext is exactly the input
 * less {@link FrameSealer#OVERHEAD}. {@link #sessions} lets the fuzzer drive a node's inbound
 * side: seal new frames by sessions of nodes 2..4 (boot counts 0..3, two session ids each,
 * counters skipping ahead across the replay window and key epochs), replay earlier frames,
 * change a byte of one, or send junk. A small model of the sender sessions says what each
 * authentic frame must give; replays never open, changed frames and junk never pass
 * authentication, and every opened plaintext is the one sealed.
 *
 * <p>{@code mvn verify} replays the seeds in {@code FrameOpenerFuzzTestInputs/}; fuzzing one
 * target takes {@code JAZZER_FUZZ=1} (see SECURITY-NOTES.md).
 */
class FrameOpenerFuzzTest {

    private static final CipherSuite SUITE = CipherSuite.AES_256_GCM;
    private static final FrameKeys KEYS = CryptoFixtures.keys(1);
    private static final Set<Rejection> FRESHNESS =
            Set.of(Rejection.REPLAYED, Rejection.STALE_SESSION, Rejection.SESSION_CONFLICT);
    /** Steps of one {@link #sessions} input, to keep each execution short. */
    private static final int MAX_STEPS = 64;

    @FuzzTest(maxDuration = "30s")
    void open(byte[] data) {
        OpenResult result = CryptoFixtures.opener(KEYS).open(data);
        if (result instanceof OpenResult.Opened opened) {
            assertEquals(data.length - FrameSealer.OVERHEAD, opened.plaintext().length, "plaintext length");
            assertEquals(FrameCrypto.claimedSender(data, 0, data.length), opened.senderNodeId(), "sender");
        } else {
            assertInstanceOf(Rejection.class, result);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void sessions(FuzzedDataProvider data) {
        FrameOpener opener = CryptoFixtures.opener(KEYS);
        SessionModel model = new SessionModel();
        Map<Long, FrameSealer> sealers = new HashMap<>();
        List<byte[]> sent = new ArrayList<>();
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> sealAndOpen(data, opener, model, sealers, sent);
                case 1 -> {
                    if (!sent.isEmpty()) {
                        OpenResult replay = opener.open(sent.get(data.consumeInt(0, sent.size() - 1)));
                        assertTrue(FRESHNESS.contains(replay), "a replayed frame gave " + replay);
                    }
                }
                case 2 -> {
                    if (!sent.isEmpty()) {
                        byte[] changed = sent.get(data.consumeInt(0, sent.size() - 1)).clone();
                        changed[data.consumeInt(0, changed.length - 1)] ^= (byte) data.consumeInt(1, 255);
                        assertUnauthentic(opener.open(changed), "a changed frame");
                    }
                }
                default -> assertUnauthentic(opener.open(data.consumeBytes(data.consumeInt(0, 128))), "junk");
            }
        }
    }

    private static void sealAndOpen(FuzzedDataProvider data, FrameOpener opener, SessionModel model,
                                    Map<Long, FrameSealer> sealers, List<byte[]> sent) {
        int node = data.consumeInt(2, 4);
        int bootCount = data.consumeInt(0, 3);
        int variant = data.consumeInt(0, 1);
        long id = node * 100L + bootCount * 10L + variant;
        FrameSealer sealer = sealers.computeIfAbsent(id, k -> CryptoFixtures.sealer(SUITE, KEYS, node, bootCount,
                CryptoFixtures.session(k)));
        if (data.consumeBoolean()) {
            // counters only grow, so no nonce repeats: jump past the window or into another key epoch
            long skip = data.consumeLong(1, 1L << (FrameKeys.EPOCH_SHIFT + 1));
            sealer = new FrameSealer(SUITE, KEYS, node, bootCount, sealer.sessionId(), sealer.lastCounter() + skip);
            sealers.put(id, sealer);
        }
        byte[] plaintext = data.consumeBytes(data.consumeInt(0, 64));
        byte[] frame = sealer.seal(plaintext);
        sent.add(frame);
        OpenResult result = opener.open(frame);
        assertEquals(model.expect(node, bootCount, variant), result instanceof Rejection r ? r : null,
                "node " + node + " boot " + bootCount + " session " + variant);
        if (result instanceof OpenResult.Opened opened) {
            assertArrayEquals(plaintext, opened.plaintext());
            assertEquals(node, opened.senderNodeId());
        }
    }

    private static void assertUnauthentic(OpenResult result, String what) {
        Rejection rejection = assertInstanceOf(Rejection.class, result, what + " opened");
        assertTrue(!FRESHNESS.contains(rejection), what + " passed authentication: " + rejection);
    }

    /**
     * What {@link SenderSessions} must do with a fresh frame (its counter above every one its
     * session sent): a higher boot count than the newest starts a session, a lower one is stale,
     * the same boot count with another session id conflicts.
     */
    private static final class SessionModel {
        private final Map<Integer, int[]> newest = new HashMap<>();

        Rejection expect(int node, int bootCount, int variant) {
            int[] current = newest.get(node);
            if (current == null || bootCount > current[0]) {
                newest.put(node, new int[] {bootCount, variant});
                return null;
            }
            if (bootCount < current[0]) {
                return Rejection.STALE_SESSION;
            }
            return variant == current[1] ? null : Rejection.SESSION_CONFLICT;
        }
    }

    @Test
    void seedCorpusIsCurrentAndEachSeedHasItsOutcome() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        OpenerSeeds.openSeeds().forEach((name, seed) -> {
            OpenResult result = CryptoFixtures.opener(KEYS).open(seed.bytes());
            assertEquals(seed.outcome(), result instanceof Rejection r ? r.name() : "opened", name);
            files.put(name, seed.bytes());
        });
        SeedCorpus.checkOrWrite(FrameOpenerFuzzTest.class, "open", files);
        SeedCorpus.checkOrWrite(FrameOpenerFuzzTest.class, "sessions", OpenerSeeds.sessionSeeds());
    }
}
