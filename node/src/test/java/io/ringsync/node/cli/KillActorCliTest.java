package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync fault actors} and {@code fault kill-actor} against two real nodes with
 * {@code transport.fault_injection = true}: every supervised actor of node 2 is made to fail in
 * turn; each time its restart count goes up by one, and a checkpoint section written on either
 * node afterwards reaches the other (so the restarted transport, Totem, services and IPC endpoint
 * all work again). Unknown paths and a node without the setting are refused in one line.
 */
class KillActorCliTest {

    private static final List<String> KILLABLE = List.of("/user/transport", "/user/link-monitor", "/user/totem",
            "/user/service-sync", "/user/quorum", "/user/cpg", "/user/ckpt", "/user/cmap", "/user/ipc");

    @TempDir
    Path dir;

    @RegisterExtension
    final CliNodes cluster = new CliNodes();
    private final CliRun cli = cluster.cli();

    @Test
    void everyActorOfANodeCanBeKilledAndComesBack() throws Exception {
        cluster.write(dir, 2);
        for (int id = 1; id <= 2; id++) {
            cluster.append(id, "transport.fault_injection = true\ntotem { token = 1000ms }");
        }
        cluster.start(1, 2);
        assertEquals(0, cli.run("fault", "actors", "-c", cluster.conf(2)), cli.err());
        assertEquals(String.join("\n", KILLABLE) + "\n", cli.out());
        awaitSectionEverywhere("before");

        for (String path : KILLABLE) {
            int before = restarts(path);
            String name = path.substring("/user/".length());
            String asked = name.equals("totem") ? "akka://ringsync-node2/user/totem" : name.equals("cpg") ? name : path;
            assertEquals(0, cli.run("fault", "kill-actor", asked, "-c", cluster.conf(2)), cli.err());
            assertEquals("node 2: " + path + " made to fail; its supervisor restarts it\n", cli.out());
            await(path + " restarted once more than " + before, () -> restarts(path) == before + 1);
            awaitSectionEverywhere("after-" + name);
        }
    }

    @Test
    void unknownPathsAndNodesWithoutTheSettingAreRefused() throws Exception {
        cluster.write(dir, 2).append(1, "transport.fault_injection = true").start(1, 2);
        assertEquals(1, cli.run("fault", "kill-actor", "/user/nothing", "-c", cluster.conf(1)));
        assertEquals("ringsync: fault kill-actor: no killable actor \"/user/nothing\" on node 1 (killable: "
                + String.join(", ", KILLABLE) + ")\n", cli.err());
        String off = "fault injection is off on node 2 (set transport.fault_injection = true in its config;"
                + " test clusters only)\n";
        assertEquals(1, cli.run("fault", "kill-actor", "/user/totem", "-c", cluster.conf(2)));
        assertEquals("ringsync: fault kill-actor: " + off, cli.err());
        assertEquals(1, cli.run("fault", "actors", "-c", cluster.conf(2)));
        assertEquals("ringsync: fault actors: " + off, cli.err());
        assertEquals(2, cli.run("fault", "kill-actor", "-c", cluster.conf(1)));
        assertTrue(cli.err().startsWith("ringsync: Missing required parameter: 'PATH'"), cli.err());
    }

    /** Node 2's restart count of {@code path}, from {@code fault actors --json}; -1 while it cannot be asked. */
    private int restarts(String path) throws Exception {
        if (cli.run("fault", "actors", "--json", "-c", cluster.conf(2)) != 0) {
            return -1;
        }
        for (JsonNode actor : Json.mapper().readTree(cli.out()).path("actors")) {
            if (actor.path("path").asText().equals(path)) {
                return actor.path("restarts").asInt();
            }
        }
        throw new AssertionError(path + " is not listed: " + cli.out());
    }

    /** Sections written on node 1 and on node 2 into checkpoint {@code id} both show on both nodes. */
    private void awaitSectionEverywhere(String id) throws Exception {
        for (int writer = 1; writer <= 2; writer++) {
            String section = "from-" + writer;
            String conf = cluster.conf(writer);
            await("ckpt put " + id + " " + section + " on node " + writer,
                    () -> cli.run("ckpt", "put", id, section, "--text", section, "-c", conf) == 0);
            for (int reader = 1; reader <= 2; reader++) {
                String readerConf = cluster.conf(reader);
                await("section " + section + " of " + id + " on node " + reader, () -> cli.run("ckpt", "dump", id, "-c",
                        readerConf) == 0 && cli.out().contains("\n" + section + " "));
            }
        }
    }

    private void await(String what, CliNodes.ThrowingCondition condition) throws Exception {
        cluster.await(what, condition);
    }
}
