package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.transport.CryptoTestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame key rollover by {@code ringsync cfg reload} on three real nodes with AES-256-GCM: a new
 * authkey that a node cannot use (readable by others) makes the reload change nothing anywhere;
 * a usable one is sealed with by every node after the reload, the old one stays accepted for
 * the grace period and is then retired, and the ring carries on through it (one ring, every
 * member joined, a reload after the rollover still committed by all three).
 */
class KeyRolloverReloadTest {

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    /** Replaces {@code file} with the key of {@code seed}, mode 0400 ({@link CryptoTestKeys}); its key id. */
    private static String writeKey(Path file, long seed) throws Exception {
        return AuthKey.hex(AuthKey.load(CryptoTestKeys.replaceAuthKey(file, seed)).keyId());
    }

    @Test
    void aReloadRollsTheFrameKeyOverOnEveryNode() throws Exception {
        cluster = new CmapNodes(dir, 3);
        Path authkey = dir.resolve("authkey");
        String oldId = writeKey(authkey, 1);
        for (Path file : cluster.files) {
            Files.writeString(file, Files.readString(file) + "crypto { cipher = \"aes256-gcm\", authkey = \""
                    + authkey + "\" }\n");
        }
        cluster.startAll();
        cluster.awaitJoined(1, List.of(1, 2, 3));
        for (int id = 1; id <= 3; id++) {
            assertEquals(oldId, cluster.value(id, "runtime.crypto.sealing_key"));
            assertEquals(oldId, cluster.value(id, "runtime.crypto.accepted_keys"));
        }

        CryptoTestKeys.replaceAuthKey(authkey, 2, "rw-r--r--");
        assertEquals(1, cluster.cli("cfg", "reload", "-c", cluster.conf(1)), cluster.out() + cluster.err());
        assertTrue(cluster.out().contains("node 2: invalid: crypto.authkey: "), cluster.out());
        for (int id = 1; id <= 3; id++) {
            assertEquals(oldId, cluster.value(id, "runtime.crypto.sealing_key"), "node " + id);
            assertEquals(oldId, cluster.value(id, "runtime.crypto.accepted_keys"), "node " + id + " dropped the refused key");
        }

        String newId = writeKey(authkey, 2);
        assertEquals(0, cluster.cli("cfg", "reload", "-c", cluster.conf(2)), cluster.out() + cluster.err());
        assertTrue(cluster.out().contains("node 3: applied crypto.authkey: key " + oldId + " -> " + newId + "\n"),
                cluster.out());
        assertEquals(newId, cluster.value(2, "runtime.crypto.sealing_key"), "the asking node applied the commit");
        for (int id = 1; id <= 3; id++) {
            int node = id;
            CmapNodes.await("node " + id + " sealing with key " + newId + " and retiring key " + oldId,
                    () -> newId.equals(cluster.value(node, "runtime.crypto.sealing_key"))
                            && newId.equals(cluster.value(node, "runtime.crypto.accepted_keys")));
        }
        cluster.awaitJoined(3, List.of(1, 2, 3));
        assertEquals(0, cluster.cli("cfg", "reload", "-c", cluster.conf(3)), cluster.out() + cluster.err());
        assertTrue(cluster.out().startsWith("reload applied: every node's config file is valid\n"), cluster.out());
    }
}
