package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.transport.CryptoTestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with another authkey cannot join (the security issue's test, with separate processes):
 * nodes 1 to 3 share a key and form their ring; node 4 of the same nodelist starts with another
 * key. Nodes 1 to 3 refuse its frames ({@code crypto.unknown_key} counts them) and keep their ring
 * id; node 4 stays in a ring of its own.
 */
class WrongKeyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Frames of node 4 that each of nodes 1-3 must have refused before their ring is checked again. */
    private static final long REFUSED_FRAMES = 20;

    @TempDir
    Path keys;

    @Test
    void aFourthNodeWithAnotherKeyNeitherJoinsNorMovesTheRing() throws Exception {
        Path shared = CryptoTestKeys.replaceAuthKey(keys.resolve("authkey"), 1);
        Path other = CryptoTestKeys.replaceAuthKey(keys.resolve("other-authkey"), 2);
        String crypto = "crypto { cipher = \"aes256-gcm\", authkey = \"" + shared + "\" }";
        try (ChaosCluster cluster = new ChaosCluster("WrongKeyIT", 4, 5, crypto)) {
            Files.writeString(cluster.output("conf/node4.conf"), "\ncrypto.authkey = \"" + other + "\"\n",
                    StandardOpenOption.APPEND);
            TotemChaosIT.runScenario("WrongKeyIT", cluster, report -> {
                List<Integer> keyHolders = List.of(1, 2, 3);
                for (int id : keyHolders) {
                    cluster.start(id);
                }
                RingId ring = cluster.awaitRing(keyHolders);
                report.add("ring of 1-3 " + ring);
                cluster.start(4);
                for (int id : keyHolders) {
                    Poll.until("node " + id + " refusing node 4's frames", ChaosCluster.DEADLINE,
                            () -> counter(cluster, id, "crypto.unknown_key") >= REFUSED_FRAMES, cluster::describe);
                }
                assertEquals(ring, cluster.awaitRing(keyHolders), "nodes 1-3 kept their ring");
                JsonNode four = status(cluster, 4).path("totem");
                assertEquals("[4]", four.path("members").toString(), "node 4 is alone: " + four);
                for (int id : keyHolders) {
                    assertEquals(0, counter(cluster, id, "crypto.bad_tag"), "node " + id);
                }
                report.add("node 4 refused by all, alone in " + four.path("ringId").asText());
                cluster.stopTraffic();
                return List.of();
            });
        }
    }

    private static JsonNode status(ChaosCluster cluster, int id) throws Exception {
        RingsyncProcesses.Result result = cluster.command(id, "cfg", "status", "--json");
        assertEquals(0, result.exitCode(), result.err());
        return JSON.readTree(result.out());
    }

    private static long counter(ChaosCluster cluster, int id, String name) throws Exception {
        return status(cluster, id).path("transportCounters").path(name).asLong(-1);
    }
}
