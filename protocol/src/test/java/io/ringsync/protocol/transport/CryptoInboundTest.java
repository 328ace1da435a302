package io.ringsync.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.OpenResult;
import io.ringsync.protocol.crypto.Rejection;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.LinkPing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receive path's crypto stage without Aeron: open, count rejections, check the sender. */
class CryptoInboundTest {

    @TempDir
    Path tmp;

    private final List<NodeEntry> nodes = TestSettings.loopbackNodes(3);
    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));

    @Test
    void opensAuthenticFramesAndCountsForgedSendersRejectionsAndReplays() throws Exception {
        Path key = CryptoTestKeys.writeAuthKey(tmp, 7);
        FrameCrypto one = FrameCrypto.load(settings(1, "aes256-gcm", key));
        RingsyncSettings twoSettings = settings(2, "aes256-gcm", key);
        CryptoInbound two = new CryptoInbound(FrameCrypto.load(twoSettings));
        FrameDecoder decoder = new FrameDecoder(twoSettings);
        assertEquals(1, one.bootCount());

        LinkPing honest = new LinkPing(1, 2, 0, 1, 5);
        byte[] sealed = sealed(one, honest);
        OpenResult.Opened opened = two.open(new UnsafeBuffer(sealed), 0, sealed.length, 0);
        assertNotNull(opened);
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) decoder.decode(two.plaintext(), 0, opened.plaintext().length);
        assertEquals(honest, decoded.frame());
        assertTrue(two.senderMatches(opened, decoded.frame()));

        assertNull(two.open(new UnsafeBuffer(sealed), 0, sealed.length, 1), "replay dropped");
        sealed[sealed.length - 1] ^= 1;
        assertNull(two.open(new UnsafeBuffer(sealed), 0, sealed.length, 2), "tampered frame dropped");
        assertNull(two.open(new UnsafeBuffer(new byte[10]), 0, 10, 3), "truncated frame dropped");
        assertEquals(1, two.rejections().get(Rejection.REPLAYED));
        assertEquals(1, two.rejections().get(Rejection.BAD_TAG));
        assertEquals(1, two.rejections().get(Rejection.TRUNCATED));

        byte[] forged = sealed(one, new LinkPing(3, 2, 0, 2, 5));
        OpenResult.Opened forgedOpen = two.open(new UnsafeBuffer(forged), 0, forged.length, 4);
        assertNotNull(forgedOpen, "node 1 holds the key, so the frame authenticates");
        var forgedFrame = ((DecodeResult.Decoded) decoder.decode(two.plaintext(), 0, forgedOpen.plaintext().length)).frame();
        assertFalse(two.senderMatches(forgedOpen, forgedFrame), "but it claims to come from node 3");
        assertEquals(1, two.forgedSenders());
    }

    @Test
    void theClaimedSenderOfARejectedFrameIsReadFromItsHeader() throws Exception {
        FrameCrypto one = FrameCrypto.load(settings(1, "chacha20-poly1305", CryptoTestKeys.writeAuthKey(tmp, 1)));
        byte[] sealed = sealed(one, new LinkPing(1, 2, 0, 1, 5));
        assertEquals(1, FrameCrypto.claimedSender(sealed, 0, sealed.length));
        assertNull(FrameCrypto.claimedSender(sealed, 0, 10));
    }

    @Test
    void cipherNoneIsPassThroughAndAKeyReadableByOthersIsRefused() throws Exception {
        assertFalse(FrameCrypto.load(TestSettings.node(1, nodes, tmp.resolve("n1"), TestSettings.FAST_LINKS)).enabled());
        assertFalse(Files.exists(tmp.resolve("n1")), "cipher none touches no state");
        Path key = CryptoTestKeys.writeAuthKey(tmp, 3);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> FrameCrypto.load(settings(1, "aes256-gcm", key)));
        assertTrue(e.getMessage().contains("readable by group or others"), e.getMessage());
    }

    private byte[] sealed(FrameCrypto crypto, LinkPing ping) {
        int length = encoder.encode(ping);
        return crypto.seal(encoder.buffer().byteArray(), 0, length);
    }

    private RingsyncSettings settings(int id, String cipher, Path key) {
        return TestSettings.node(id, nodes, tmp.resolve("n" + id), TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.totem(), CryptoTestKeys.crypto(cipher, key));
    }
}
