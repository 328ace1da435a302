package io.ringsync.protocol.crypto;

import static io.ringsync.protocol.crypto.CryptoFixtures.keys;
import static io.ringsync.protocol.crypto.CryptoFixtures.plaintext;
import static io.ringsync.protocol.crypto.CryptoFixtures.sealer;
import static io.ringsync.protocol.crypto.CryptoFixtures.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replays, sender restarts and key rollovers, end to end through sealer and opener. */
class FreshnessTest {

    private static final byte[] DATA = "mcast 17".getBytes(StandardCharsets.UTF_8);

    private final FrameOpener opener = CryptoFixtures.opener(keys(1));

    @Test
    void aCapturedFrameResentIsReplayed() {
        byte[] frame = sealer(keys(1), 2, 1).seal(DATA);
        assertArrayEquals(DATA, plaintext(opener.open(frame)));
        assertEquals(Rejection.REPLAYED, opener.open(frame));
        assertEquals(Rejection.REPLAYED, opener.open(frame.clone()));
    }

    @Test
    void outOfOrderFramesWithinTheWindowAreAcceptedOnceEach() {
        List<byte[]> frames = seal(sealer(keys(1), 2, 1), ReplayWindow.SIZE);
        List<byte[]> shuffled = new ArrayList<>(frames);
        Collections.shuffle(shuffled, new Random(3));
        shuffled.forEach(f -> assertArrayEquals(DATA, plaintext(opener.open(f))));
        frames.forEach(f -> assertEquals(Rejection.REPLAYED, opener.open(f)));
    }

    @Test
    void framesBelowTheWindowAreReplayed() {
        List<byte[]> frames = seal(sealer(keys(1), 2, 1), 1100);
        plaintext(opener.open(frames.get(1099)));
        assertEquals(Rejection.REPLAYED, opener.open(frames.get(1100 - ReplayWindow.SIZE - 1)), "counter 76");
        assertArrayEquals(DATA, plaintext(opener.open(frames.get(1100 - ReplayWindow.SIZE))), "counter 77, last in window");
    }

    @Test
    void aRestartedSenderIsAcceptedAndItsOldSessionIsStale() {
        FrameSealer firstRun = sealer(keys(1), 2, 1);
        List<byte[]> old = seal(firstRun, 3);
        plaintext(opener.open(old.get(0)));
        FrameSealer secondRun = sealer(keys(1), 2, 2);
        assertArrayEquals(DATA, plaintext(opener.open(secondRun.seal(DATA))), "counter 1 again, new session");
        assertEquals(Rejection.STALE_SESSION, opener.open(old.get(1)), "delayed frame of the first run");
        assertEquals(Rejection.STALE_SESSION, opener.open(old.get(0)), "replayed frame of the first run");
        assertArrayEquals(DATA, plaintext(opener.open(secondRun.seal(DATA))));
    }

    @Test
    void aSecondSessionWithTheSameBootCountIsRefused() {
        plaintext(opener.open(sealer(CipherSuite.AES_256_GCM, keys(1), 2, 4, session(1)).seal(DATA)));
        byte[] clash = sealer(CipherSuite.AES_256_GCM, keys(1), 2, 4, session(2)).seal(DATA);
        assertEquals(Rejection.SESSION_CONFLICT, opener.open(clash));
    }

    @Test
    void sendersHaveIndependentWindows() {
        byte[] fromTwo = sealer(keys(1), 2, 1).seal(DATA);
        byte[] fromThree = sealer(keys(1), 3, 1).seal(DATA);
        assertEquals(2, ((OpenResult.Opened) opener.open(fromTwo)).senderNodeId());
        assertEquals(3, ((OpenResult.Opened) opener.open(fromThree)).senderNodeId());
    }

    @Test
    void aKeyRolloverLosesNoFrameAndRetiresTheOldKey() {
        FrameSealer sealer = sealer(keys(1), 2, 1);
        byte[] beforeRollover = sealer.seal(DATA);
        byte[] lateOldKeyFrame = sealer.seal(DATA);
        assertArrayEquals(DATA, plaintext(opener.open(beforeRollover)));

        opener.useKeys(List.of(keys(1), keys(2)));
        sealer.useKey(keys(2));
        byte[] afterRollover = sealer.seal(DATA);
        OpenResult.Opened opened = (OpenResult.Opened) opener.open(afterRollover);
        assertEquals(keys(2).keyId(), opened.keyId());
        assertEquals(3, CryptoHeader.read(afterRollover, 0).counter(), "the session's counter goes on");

        opener.useKeys(List.of(keys(2)));
        assertEquals(Rejection.UNKNOWN_KEY, opener.open(lateOldKeyFrame));
        assertEquals(Rejection.REPLAYED, opener.open(afterRollover));
        assertArrayEquals(DATA, plaintext(opener.open(sealer.seal(DATA))));
    }

    @Test
    void bothKeysOpenDuringARollover() {
        FrameOpener both = CryptoFixtures.opener(keys(1), keys(2));
        assertArrayEquals(DATA, plaintext(both.open(sealer(keys(1), 2, 1).seal(DATA))));
        assertArrayEquals(DATA, plaintext(both.open(sealer(keys(2), 3, 1).seal(DATA))));
        assertEquals(Rejection.UNKNOWN_KEY, both.open(sealer(keys(3), 4, 1).seal(DATA)));
    }

    @Test
    void refusesAnInvalidKeySet() {
        assertThrows(IllegalArgumentException.class, () -> opener.useKeys(List.of()));
        assertThrows(IllegalArgumentException.class, () -> opener.useKeys(List.of(keys(1), keys(2), keys(3))));
        assertThrows(IllegalArgumentException.class, () -> opener.useKeys(List.of(keys(1), keys(1))));
        FrameKeys otherCluster = FrameKeys.derive(CryptoFixtures.authKey(2), "beta");
        assertThrows(IllegalArgumentException.class, () -> opener.useKeys(List.of(keys(1), otherCluster)));
        assertThrows(IllegalArgumentException.class, () -> sealer(keys(1), 2, 1).useKey(otherCluster));
    }

    private static List<byte[]> seal(FrameSealer sealer, int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(sealer.seal(DATA));
        }
        return frames;
    }
}
