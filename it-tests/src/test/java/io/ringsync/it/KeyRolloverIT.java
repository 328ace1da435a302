package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringsync.protocol.transport.CryptoTestKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame key rollover under traffic with separate processes (the security issue's test): three
 * AES-256-GCM nodes multicast while the authkey file is replaced and {@code ringsync cfg reload}
 * rolls every node over to the new key; every node then seals with it and accepts no other, no
 * frame was refused by the crypto, and the delivery checks (nothing lost, one order, FIFO,
 * virtual synchrony) pass on every process's log.
 */
class KeyRolloverIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keys;

    @Test
    void threeProcessesRollTheFrameKeyOverUnderTraffic() throws Exception {
        Path authkey = keys.resolve("authkey");
        CryptoTestKeys.replaceAuthKey(authkey, 1);
        String crypto = "crypto { cipher = \"aes256-gcm\", authkey = \"" + authkey + "\" }";
        try (ChaosCluster cluster = new ChaosCluster("KeyRolloverIT", 3, 20, crypto)) {
            TotemChaosIT.runScenario("KeyRolloverIT", cluster, report -> {
                for (int id : cluster.allNodes()) {
                    cluster.start(id);
                }
                report.add("first ring " + cluster.awaitRing(cluster.allNodes()));
                String oldKey = value(cluster, 1, "runtime.crypto.sealing_key");
                CryptoTestKeys.replaceAuthKey(authkey, 2);
                RingsyncProcesses.Result reload = cluster.command(2, "cfg", "reload");
                assertEquals(0, reload.exitCode(), reload.out() + reload.err());
                assertTrue(reload.out().contains("applied crypto.authkey: key " + oldKey + " -> "), reload.out());
                String newKey = value(cluster, 2, "runtime.crypto.sealing_key");
                for (int id : cluster.allNodes()) {
                    Poll.until("node " + id + " sealing with and accepting only key " + newKey, ChaosCluster.DEADLINE,
                            () -> newKey.equals(value(cluster, id, "runtime.crypto.sealing_key"))
                                    && newKey.equals(value(cluster, id, "runtime.crypto.accepted_keys")), cluster::describe);
                }
                report.add("rolled over from key " + oldKey + " to " + newKey);
                List<String> problems = new ArrayList<>();
                for (int id : cluster.allNodes()) {
                    JsonNode counters = JSON.readTree(cluster.command(id, "cfg", "status", "--json").out())
                            .path("transportCounters");
                    for (String refusal : List.of("crypto.unknown_key", "crypto.bad_tag")) {
                        if (counters.path(refusal).asLong(-1) != 0) {
                            problems.add("node " + id + " refused frames: " + refusal + " = " + counters.path(refusal));
                        }
                    }
                }
                problems.addAll(TotemChaosIT.finish(cluster, report));
                problems.addAll(TotemChaosIT.check(cluster, report));
                return problems;
            });
        }
    }

    /** The value text of CMAP key {@code key} on node {@code id} ({@code key (type) = value}). */
    private static String value(ChaosCluster cluster, int id, String key) throws Exception {
        RingsyncProcesses.Result result = cluster.command(id, "cmap", "get", key);
        String out = result.out().strip();
        return result.exitCode() == 0 && out.contains(" = ") ? out.substring(out.indexOf(" = ") + 3) : "";
    }
}
